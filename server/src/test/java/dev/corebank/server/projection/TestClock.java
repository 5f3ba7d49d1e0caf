package dev.corebank.server.projection;

import dev.corebank.ledger.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** An engine clock the test moves by hand, so timestamps (and statement dates) are chosen, not read off the wall. */
public final class TestClock implements EngineClock {
    private final AtomicLong nanos;

    public TestClock(Instant start) {
        this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    public void set(Instant instant) {
        nanos.set(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
