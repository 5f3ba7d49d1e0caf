package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.util.List;
import java.util.function.Function;

/**
 * Something that reacts to the journal: it sees every committed entry once, in order, in bounded runs, on its own
 * thread of the {@link ReactorRuntime}. Register one as a Spring bean and the runtime runs it.
 *
 * <p>{@link #apply} must be idempotent: after a crash the runtime may hand it a run again (at least once for
 * {@link CheckpointMode#AFTER_EFFECT}; an {@link CheckpointMode#ATOMIC} reactor sees a run again only if its own
 * transaction rolled back).
 */
public interface Reactor {
    /** A stable name: the checkpoint's key, the {@code reactor} tag of its metrics and its path in the admin API. */
    String name();

    CheckpointMode checkpointMode();

    /**
     * What the runtime does when a run fails. STOP unless the reactor says otherwise: retrying the same run until it
     * goes through never skips an entry, and only a reactor that keeps dead letters may choose
     * {@link FailurePolicy#DEAD_LETTER}.
     */
    default FailurePolicy failurePolicy() {
        return FailurePolicy.STOP;
    }

    /**
     * Applies {@code run}: consecutive entries starting right after {@code from}, at least one. Returns where the
     * reactor stands afterwards, normally the last entry of the run. An ATOMIC reactor stores that checkpoint with its
     * effect before it returns, and may return a later one that it found stored (another instance applied the run
     * first). Throwing leaves the checkpoint where it was; the failure policy decides what follows.
     */
    ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run);

    /** ATOMIC reactors only: the checkpoint the reactor stored with its effect, read at start. */
    default ReactorCheckpoint storedCheckpoint() {
        throw new UnsupportedOperationException("only an ATOMIC reactor stores its own checkpoint reactor=" + name());
    }

    /**
     * Called at start, after the runtime fenced the checkpoint and before {@link #resumed}: checks the reactor's
     * effect against the journal around its checkpoint: the effect of the last entries up to it must be there, and
     * nothing of the entries after it. A database that came back from a crash with part of a transaction (see
     * docs/RELIABILITY.md, the kill -9 soak) fails it. {@code windowAround} fences a checkpoint against the journal,
     * as the runtime fenced {@code at}, and reads the journal around it ({@link CheckpointWindow}); a reactor that
     * takes a lock first may find its stored checkpoint elsewhere than {@code at} and check around that one. When the
     * effect disagrees, the reactor resets it (in one transaction with its checkpoint) and says from which checkpoint
     * to go on, at or before {@code at}; the entries after it are applied again. When it agrees, the reactor goes on
     * from {@code at} or from the later checkpoint it found stored. Not checked unless the reactor says otherwise.
     */
    default StartCheck checkAtStart(ReactorCheckpoint at,
                                    Function<ReactorCheckpoint, CheckpointWindow> windowAround) {
        return StartCheck.agreed(at);
    }

    /** Called once on the reactor's thread after the runtime fenced the checkpoint and before the first run. */
    default void resumed(ReactorCheckpoint at) {
    }

    /** Whether an operator may rewind it: set its checkpoint back and have it apply the journal again from there. */
    default boolean rewindable() {
        return false;
    }

    /**
     * Resets the reactor's own effect after {@code to}, while it is paused, before the runtime moves an AFTER_EFFECT
     * checkpoint back to it. An ATOMIC reactor moves its own checkpoint here. Nothing by default.
     */
    default void rewind(ReactorCheckpoint to) {
    }

    /** Whether readiness waits for this reactor to be caught up (within the readiness lag bound). */
    default boolean requiredForReadiness() {
        return false;
    }

    /**
     * DEAD_LETTER reactors only: keeps {@code entry}, which failed its bounded tries with {@code failure}, where an
     * operator can see it. The runtime then goes on after it (an ATOMIC reactor stores its checkpoint past the entry
     * here). A failure here counts as one more failure of the entry.
     */
    default void deadLetter(JournalEntry entry, RuntimeException failure) {
        throw new UnsupportedOperationException("this reactor keeps no dead letters reactor=" + name());
    }

    /** Whether {@link #deadLetter} is implemented; the runtime refuses a DEAD_LETTER reactor without it. */
    default boolean keepsDeadLetters() {
        return false;
    }

    /**
     * Journal entries in one run at the most, given the runtime's limits; the runtime's entry limit unless the reactor
     * pays its cost per run rather than per entry. Never more than one journal read returns.
     */
    default int entriesPerRunMax(ReactorProperties limits) {
        return limits.entriesPerRunMax();
    }
}
