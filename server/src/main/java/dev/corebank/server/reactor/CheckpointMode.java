package dev.corebank.server.reactor;

/** Who moves a reactor's checkpoint, and so what a crash between its effect and its checkpoint costs. */
public enum CheckpointMode {
    /**
     * The reactor stores the checkpoint itself, together with its effect (in the same database transaction), and
     * returns it from {@link Reactor#apply}: exactly once. It also loads it, through {@link Reactor#storedCheckpoint}.
     */
    ATOMIC,
    /**
     * The runtime stores the checkpoint in {@code reactor_checkpoints} after {@link Reactor#apply} returned, that is
     * after the effect was acknowledged elsewhere (a broker, a webhook receiver, a log): at least once. A crash between
     * the two applies the run again on restart, so the effect must be idempotent or tolerate a repeat.
     */
    AFTER_EFFECT
}
