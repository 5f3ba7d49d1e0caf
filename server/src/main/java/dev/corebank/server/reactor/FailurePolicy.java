package dev.corebank.server.reactor;

/** What the runtime does when a reactor's run fails. */
public enum FailurePolicy {
    /**
     * Stop and alert: back off and retry the same run until it succeeds. The reactor is FAILING meanwhile, and its
     * metrics and health say so. For reactors where skipping an entry would be wrong (the read model).
     */
    STOP,
    /**
     * Retry the failing entry alone a bounded number of times, then hand it and the failure to
     * {@link Reactor#deadLetter} and go on with the next entry. Allowed only for a reactor that implements that hook.
     */
    DEAD_LETTER
}
