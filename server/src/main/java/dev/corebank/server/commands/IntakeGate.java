package dev.corebank.server.commands;

/**
 * What a client's command passes before it reaches the engine. A part of corebank that must keep up with the journal
 * (the read model) holds the command a bounded time while it is too far behind, and refuses it when that time runs
 * out, so that its lag stays bounded under any load instead of growing for as long as the load lasts. corebank's own
 * work (first start, end of day, sagas, imports) does not pass through it.
 */
public interface IntakeGate {
    /** The gate of a server with nothing to keep up: every command passes at once. */
    IntakeGate OPEN = () -> {
    };

    /** Returns when the command may go on; throws {@link IntakeRefusedException} when it may not. */
    void admit();
}
