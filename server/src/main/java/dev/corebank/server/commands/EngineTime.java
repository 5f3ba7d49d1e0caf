package dev.corebank.server.commands;

import java.time.Instant;

/** Engine timestamps are nanoseconds since the Unix epoch; the API shows them as ISO-8601 instants. */
public final class EngineTime {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EngineTime() {
    }

    public static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }
}
