package dev.corebank.bench;

import dev.corebank.bench.systems.ReadModelLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Samples a system's read-model lag while the load runs, a few times a second on one thread of its own (a light GET
 * beside the load), and reports its median and maximum: the issue asks that the projection's lag stays bounded under
 * the HTTP load, and that is only seen while the load is on.
 */
final class LagWatch implements AutoCloseable {
    static final long SAMPLE_EVERY_MILLIS = 250;

    private final Optional<ReadModelLag> lag;
    private final List<ReadModelLag.Sample> samples = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile String failure;

    private LagWatch(Optional<ReadModelLag> lag) {
        this.lag = lag;
        this.thread = lag.isEmpty() ? null : Thread.ofPlatform().daemon().name("bench-lag-watch").start(this::watch);
    }

    static LagWatch start(Optional<ReadModelLag> lag) {
        return new LagWatch(lag);
    }

    private void watch() {
        try {
            do {
                ReadModelLag.Sample sample = lag.orElseThrow().sample();
                synchronized (samples) {
                    samples.add(sample);
                }
            } while (!stopping.await(SAMPLE_EVERY_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception failed) {
            failure = failed.toString();
        }
    }

    /** Stops sampling; the summary line, or empty when the system has no read model. */
    Optional<String> stop() throws InterruptedException {
        if (thread == null) {
            return Optional.empty();
        }
        stopping.countDown();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        List<ReadModelLag.Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        if (taken.isEmpty()) {
            return Optional.of("read-model lag during load: no sample" + (failure == null ? "" : " (" + failure + ")"));
        }
        long[] entries = taken.stream().mapToLong(ReadModelLag.Sample::entries).sorted().toArray();
        double[] seconds = taken.stream().mapToDouble(ReadModelLag.Sample::seconds).sorted().toArray();
        return Optional.of(String.format(Locale.ROOT, "read-model lag during load (%d samples): median %,d entries"
                        + " %.3f s, max %,d entries %.3f s%s", taken.size(), entries[entries.length / 2],
                seconds[seconds.length / 2], entries[entries.length - 1], seconds[seconds.length - 1],
                failure == null ? "" : " (sampling stopped: " + failure + ")"));
    }

    @Override
    public void close() throws InterruptedException {
        stopping.countDown();
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
