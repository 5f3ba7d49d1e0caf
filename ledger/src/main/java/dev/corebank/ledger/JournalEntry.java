package dev.corebank.ledger;

import java.util.List;

/** One committed, durable journal entry as readers see it. */
public record JournalEntry(long sequence, long timestamp, TraceId traceId, List<LedgerEvent> events) {
}
