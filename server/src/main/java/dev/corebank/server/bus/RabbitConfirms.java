package dev.corebank.server.bus;

import com.rabbitmq.client.ConfirmListener;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one channel's publisher confirms: the delivery tags published and not yet confirmed, at most a
 * window of them. The publishing thread waits for room before each publish and for an empty pipeline at the end of a
 * run; the connection's thread confirms. A nack or a closed channel fails the run.
 */
final class RabbitConfirms implements ConfirmListener {
    private final int windowMax;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private final long timeoutNanos;
    /** When the broker last confirmed something, or the pipeline last went from idle to busy. */
    private long progressNanos = System.nanoTime();
    private long acknowledged;
    private long refused;
    private String failure;

    /**
     * @param timeoutNanos how long the broker may confirm nothing while messages are outstanding before the run
     *                     fails: a bound on silence, not on the run, so a large run at a steady pace never times out
     */
    RabbitConfirms(int windowMax, long timeoutNanos) {
        this.windowMax = windowMax;
        this.timeoutNanos = timeoutNanos;
    }

    /** Waits until the window has room, then records {@code tag} as outstanding. */
    synchronized void publishing(long tag) throws InterruptedException {
        while (outstanding.size() >= windowMax && failure == null) {
            waitForProgress("room in the confirm window");
        }
        throwIfFailed();
        if (outstanding.isEmpty()) {
            progressNanos = System.nanoTime();
        }
        outstanding.add(tag);
    }

    /** Waits until every message published is confirmed. */
    synchronized void awaitAll() throws InterruptedException {
        while (!outstanding.isEmpty() && failure == null) {
            waitForProgress("the last confirms");
        }
        throwIfFailed();
    }

    /** Confirms counted since the last call. */
    synchronized long takeAcknowledged() {
        long taken = acknowledged;
        acknowledged = 0;
        return taken;
    }

    /** Nacks counted since the last call. */
    synchronized long takeRefused() {
        long taken = refused;
        refused = 0;
        return taken;
    }

    synchronized void fail(String cause) {
        if (failure == null) {
            failure = cause;
        }
        notifyAll();
    }

    @Override
    public synchronized void handleAck(long tag, boolean multiple) {
        acknowledged += settle(tag, multiple);
        progressNanos = System.nanoTime();
        notifyAll();
    }

    @Override
    public synchronized void handleNack(long tag, boolean multiple) {
        refused += settle(tag, multiple);
        fail("the broker refused a message (nack) deliveryTag=" + tag);
    }

    private int settle(long tag, boolean multiple) {
        if (!multiple) {
            return outstanding.remove(tag) ? 1 : 0;
        }
        var settled = outstanding.headSet(tag, true);
        int count = settled.size();
        settled.clear();
        return count;
    }

    private void waitForProgress(String what) throws InterruptedException {
        long remainingNanos = progressNanos + timeoutNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new IllegalStateException("the broker confirmed nothing in time waitingFor=" + what
                    + " outstanding=" + outstanding.size() + " timeoutMillis=" + timeoutNanos / 1_000_000);
        }
        TimeUnit.NANOSECONDS.timedWait(this, remainingNanos);
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
