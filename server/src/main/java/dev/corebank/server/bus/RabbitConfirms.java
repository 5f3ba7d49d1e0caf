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
    private long acknowledged;
    private long refused;
    private String failure;

    RabbitConfirms(int windowMax) {
        this.windowMax = windowMax;
    }

    /** Waits until the window has room, then records {@code tag} as outstanding. */
    synchronized void publishing(long tag, long deadlineNanos) throws InterruptedException {
        while (outstanding.size() >= windowMax && failure == null) {
            waitUntil(deadlineNanos, "room in the confirm window");
        }
        throwIfFailed();
        outstanding.add(tag);
    }

    /** Waits until every message published is confirmed. */
    synchronized void awaitAll(long deadlineNanos) throws InterruptedException {
        while (!outstanding.isEmpty() && failure == null) {
            waitUntil(deadlineNanos, "the last confirms");
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

    private void waitUntil(long deadlineNanos, String what) throws InterruptedException {
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new IllegalStateException("the broker did not confirm in time waitingFor=" + what
                    + " outstanding=" + outstanding.size());
        }
        TimeUnit.NANOSECONDS.timedWait(this, remainingNanos);
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
