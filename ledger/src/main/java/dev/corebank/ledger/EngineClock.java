package dev.corebank.ledger;

/** The engine's source of time, in nanoseconds since the Unix epoch. Tests inject a manual one. */
@FunctionalInterface
public interface EngineClock {
    long nanos();

    /** The system clock, at microsecond precision on most platforms. */
    EngineClock SYSTEM = () -> {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
}
