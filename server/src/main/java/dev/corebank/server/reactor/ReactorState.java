package dev.corebank.server.reactor;

/** What a reactor is doing now, as metrics, health and {@code GET /v1/admin/reactors} report it. */
public enum ReactorState {
    /** Applying entries; the journal holds more than the reactor has applied. */
    RUNNING,
    /** Applied everything committed; waiting for the next entry. */
    CAUGHT_UP,
    /** Paused by an operator; it reads nothing until resumed, and its lag grows. */
    PAUSED,
    /** The latest run failed; backing off before the next attempt. */
    FAILING,
    /** Not started, refused at start, or stopped. */
    STOPPED
}
