package dev.corebank.server.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes audit records in batches on its own thread, so a request pays for a queue offer and not for a database
 * round trip. The queue is bounded: when it is full a request waits up to {@code enqueueWaitMillis}, and a record that
 * still finds no room is written to the error log in full (the log is the second witness) and counted in
 * {@code corebank_audit_records_dropped_total}. A failed insert is retried with a growing pause; nothing is dropped
 * for a database outage shorter than the queue can absorb. Stopping drains the queue first.
 */
final class AuditWriter implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final long RETRY_PAUSE_MILLIS_MAX = 5_000;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final AuditRepository repository;
    private final AuditProperties properties;
    private final BlockingQueue<AuditRecord> queue;
    private final Counter written;
    private final Counter dropped;
    private volatile boolean running;
    /** True while the writer holds records taken from the queue but not yet written. */
    private volatile boolean inFlight;
    private Thread thread;

    AuditWriter(AuditRepository repository, AuditProperties properties, MeterRegistry registry) {
        this.repository = repository;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.written = Counter.builder("corebank.audit.records.written")
                .description("Audit records written to the database").register(registry);
        this.dropped = Counter.builder("corebank.audit.records.dropped")
                .description("Audit records that found the queue full and went to the error log instead")
                .register(registry);
        Gauge.builder("corebank.audit.queue.depth", queue, BlockingQueue::size)
                .description("Audit records waiting to be written").register(registry);
    }

    void submit(AuditRecord record) {
        boolean queued;
        try {
            queued = queue.offer(record, properties.enqueueWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            dropped.increment();
            LOG.error("audit: queue full, record not stored in the database record={}", record);
        }
    }

    /** Waits until every record submitted so far is written; for tests and for the verify report. */
    boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!queue.isEmpty() || inFlight) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(properties.batchSizeMax());
        while (running || !queue.isEmpty()) {
            try {
                AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                inFlight = true;
                batch.add(first);
                queue.drainTo(batch, properties.batchSizeMax() - 1);
                writeWithRetry(batch);
                written.increment(batch.size());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                inFlight = false;
            }
        }
    }

    private void writeWithRetry(List<AuditRecord> batch) throws InterruptedException {
        long pauseMillis = 100;
        while (true) {
            try {
                repository.insert(batch);
                return;
            } catch (RuntimeException failure) {
                if (!running && pauseMillis >= RETRY_PAUSE_MILLIS_MAX) {
                    for (AuditRecord record : batch) {
                        LOG.error("audit: database unavailable at shutdown, record not stored record={}", record);
                    }
                    dropped.increment(batch.size());
                    return;
                }
                LOG.warn("audit: cannot write records, retrying records={} pauseMillis={} cause={}", batch.size(),
                        pauseMillis, failure.toString());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(RETRY_PAUSE_MILLIS_MAX, pauseMillis * 2);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("audit-writer").daemon(true).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A lower phase stops later: after the web server has finished its last requests, so they are recorded too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
