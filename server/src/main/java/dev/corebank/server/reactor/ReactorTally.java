package dev.corebank.server.reactor;

import java.util.concurrent.atomic.AtomicLong;

/** A reactor's counters, kept by the runtime across restarts of its thread so the counter metrics never go back. */
final class ReactorTally {
    final AtomicLong runs = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    /** Starts at which the reactor's check found its effect out of step with the journal and reset it. */
    final AtomicLong startRepairs = new AtomicLong();
}
