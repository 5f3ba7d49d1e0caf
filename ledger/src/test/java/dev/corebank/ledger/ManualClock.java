package dev.corebank.ledger;

import java.util.concurrent.atomic.AtomicLong;

/** An engine clock that moves only when a test moves it, so expiry happens exactly when the test says. */
final class ManualClock implements EngineClock {
    /** 2024-01-01T00:00:00Z in nanoseconds: a realistic starting point, far from zero. */
    static final long START_NANOS = 1_704_067_200L * LedgerState.NANOS_PER_SECOND;

    private final AtomicLong nanos = new AtomicLong(START_NANOS);

    @Override
    public long nanos() {
        return nanos.get();
    }

    void advanceSeconds(long seconds) {
        nanos.addAndGet(seconds * LedgerState.NANOS_PER_SECOND);
    }

    void advanceNanos(long delta) {
        nanos.addAndGet(delta);
    }

    void set(long value) {
        nanos.set(value);
    }
}
