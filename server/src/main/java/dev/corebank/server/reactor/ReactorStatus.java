package dev.corebank.server.reactor;

/**
 * One reactor as an operator sees it, at one instant.
 *
 * @param position             the last journal sequence the reactor applied (its checkpoint)
 * @param journalPosition      the journal's committed position when this was taken
 * @param lagEntries           committed entries not yet applied
 * @param lagSeconds           wall-clock seconds since the oldest entry not yet applied was stamped by the engine; 0
 *                             when caught up (see docs/operations.md)
 * @param runs                 runs applied since start
 * @param failures             failed attempts since start
 * @param deadLetters          entries handed to the dead-letter hook since start
 * @param startRepairs         starts since the process began at which the reactor's check at start found its effect
 *                             out of step with the journal, reset it and applied the journal again (see
 *                             {@link Reactor#checkAtStart})
 * @param lastFailure          the latest failure, as {@code Type: message}; null when the latest attempt succeeded
 */
public record ReactorStatus(String name, ReactorState state, long position, long journalPosition, long lagEntries,
                            double lagSeconds, long runs, long failures, long deadLetters, long startRepairs,
                            String lastFailure,
                            CheckpointMode checkpointMode, FailurePolicy failurePolicy, boolean rewindable,
                            boolean requiredForReadiness) {
}
