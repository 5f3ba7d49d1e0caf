package dev.corebank.bench.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr, redrawn a few times a second by a daemon thread while a run is going. The bar
 * fills with whichever bound of the run is closer: time or transfer count.
 */
public final class Progress implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final long transfersMax;
    private final long durationNanos;
    private final AtomicLong transfersDone = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private final Thread drawer;
    private volatile boolean running = true;

    private Progress(PrintStream out, boolean enabled, String label, long transfersMax, long durationNanos) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
        this.transfersMax = transfersMax;
        this.durationNanos = durationNanos;
        this.drawer = enabled ? Thread.ofPlatform().daemon().name("bench-progress").start(this::drawLoop) : null;
    }

    public static Progress start(boolean enabled, String label, RunPlan plan) {
        return new Progress(System.err, enabled, label, plan.transfersMax(), plan.durationNanos());
    }

    /** A progress that draws nothing, for tests and quiet runs. */
    public static Progress none() {
        return new Progress(System.err, false, "", 1, 1);
    }

    public void add(long transfers) {
        transfersDone.addAndGet(transfers);
    }

    public long done() {
        return transfersDone.get();
    }

    private void drawLoop() {
        while (running) {
            draw();
            try {
                TimeUnit.MILLISECONDS.sleep(REDRAW_MILLIS);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private void draw() {
        long elapsedNanos = System.nanoTime() - startedNanos;
        long done = transfersDone.get();
        double fraction = Math.min(1.0, Math.max((double) elapsedNanos / durationNanos, (double) done / transfersMax));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double seconds = elapsedNanos / 1e9;
        String line = String.format(Locale.ROOT, "\r  [%s%s] %3.0f%% %-28s %,13d transfers %,12.0f/s ",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), fraction * 100, label, done,
                seconds > 0 ? done / seconds : 0);
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (!enabled) {
            return;
        }
        running = false;
        drawer.interrupt();
        try {
            drawer.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        draw();
        synchronized (out) {
            out.println();
            out.flush();
        }
    }
}
