package dev.corebank.server.consumers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer runtime: one thread per consumer that polls its transport, runs each message through the
 * {@link ConsumerPipeline}, stores the deduplication marks and then acknowledges the batch. The same loop drives Kafka
 * and RabbitMQ; only the {@link Transport} differs. A broker or database failure closes the transport, backs off
 * (doubling, bounded) and connects again; nothing acknowledged is lost and nothing unacknowledged is skipped.
 */
final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private final ConsumerPipeline pipeline;
    private final Transport transport;
    private final int batchMax;
    private final Duration pollWait;
    private final RetryPolicy reconnect;
    private final Duration lagInterval;
    private volatile boolean stopping;
    private Thread thread;

    ConsumerLoop(ConsumerPipeline pipeline, Transport transport, int batchMax, Duration pollWait,
                 RetryPolicy reconnect, Duration lagInterval) {
        if (batchMax < 1) {
            throw new IllegalArgumentException("batchMax must be positive batchMax=" + batchMax);
        }
        this.pipeline = pipeline;
        this.transport = transport;
        this.batchMax = batchMax;
        this.pollWait = pollWait;
        this.reconnect = reconnect;
        this.lagInterval = lagInterval;
    }

    ConsumerPipeline pipeline() {
        return pipeline;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("consumer already started consumer=" + pipeline.consumer());
        }
        thread = Thread.ofPlatform().name("consumer-" + pipeline.consumer() + "-" + transport.name())
                .daemon(true).unstarted(this);
        thread.start();
    }

    /**
     * Stops after the current batch and closes the transport; waits up to {@code wait}. A loop still waiting after a
     * poll's time (in a retry's backoff) is interrupted: its batch is not acknowledged and comes again.
     */
    void stop(Duration wait) throws InterruptedException {
        stopping = true;
        transport.wakeup();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join(pollWait.toMillis() + 1_000);
            if (running.isAlive()) {
                running.interrupt();
                running.join(wait.toMillis());
            }
        }
    }

    @Override
    public void run() {
        ConsumerStats stats = pipeline.stats();
        int failures = 0;
        long lagCheckedNanos = 0;
        boolean connected = false;
        while (!stopping) {
            try {
                if (!connected) {
                    stats.state(ConsumerStats.State.DISCONNECTED, transport.name());
                    transport.connect();
                    connected = true;
                    stats.state(ConsumerStats.State.RUNNING, transport.name());
                    LOG.info("consumer={} transport={} connected", pipeline.consumer(), transport.name());
                }
                runBatch();
                failures = 0;
                if (System.nanoTime() - lagCheckedNanos > lagInterval.toNanos()) {
                    stats.lagMessages(transport.lagMessages().orElse(-1));
                    lagCheckedNanos = System.nanoTime();
                }
            } catch (InterruptedException interrupted) {
                break;
            } catch (RuntimeException failure) {
                if (stopping) {
                    break;
                }
                failures++;
                connected = false;
                pipeline.marks().discardUnflushed();
                stats.failed(ConsumerPipeline.describe(failure));
                stats.state(ConsumerStats.State.DISCONNECTED, transport.name());
                transport.close();
                long pause = reconnect.backoffMillis(failures);
                LOG.warn("consumer={} transport={} failed, reconnecting in {} ms: {}", pipeline.consumer(),
                        transport.name(), pause, ConsumerPipeline.describe(failure));
                if (!pauseQuietly(pause)) {
                    break;
                }
            }
        }
        // An interrupt that stopped a backoff must not also cut the transport's clean close short.
        Thread.interrupted();
        transport.close();
        stats.lagMessages(-1);
        stats.state(ConsumerStats.State.STOPPED, transport.name());
    }

    private void runBatch() throws InterruptedException {
        List<Delivery> batch = transport.poll(batchMax, pollWait);
        if (batch.isEmpty()) {
            return;
        }
        for (Delivery delivery : batch) {
            pipeline.process(delivery, transport);
        }
        // The marks are durable before the broker forgets the messages: a crash in between only repeats the batch.
        pipeline.marks().flush();
        transport.acknowledge(batch);
    }

    private boolean pauseQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }
}
