package dev.corebank.server.reactor;

/**
 * What a reactor's check at start found ({@link Reactor#checkAtStart}).
 *
 * @param from   the checkpoint to go on from
 * @param repair what the reactor found and reset, for the log; null when its effect agreed with the journal
 */
public record StartCheck(ReactorCheckpoint from, String repair) {
    public static StartCheck agreed(ReactorCheckpoint at) {
        return new StartCheck(at, null);
    }

    public static StartCheck repaired(ReactorCheckpoint from, String repair) {
        return new StartCheck(from, repair);
    }

    public boolean isRepair() {
        return repair != null;
    }
}
