package dev.corebank.server.witness;

import dev.corebank.ledger.JournalEntry;

/**
 * A reactor's own record of what it did with a journal entry (a publisher's broker offsets and confirms, for
 * example), shown by the witness beside the reactor. Register one as a Spring bean.
 */
public interface ReactorRecords {
    /** The reactor's name, as the runtime knows it. */
    String reactor();

    /** The reactor's record of {@code entry}, serialisable to JSON; null when it has none. Must not throw. */
    Object recordOf(JournalEntry entry);
}
