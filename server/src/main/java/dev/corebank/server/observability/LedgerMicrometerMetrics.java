package dev.corebank.server.observability;

import dev.corebank.ledger.LedgerMetrics;
import dev.corebank.ledger.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's callbacks as Micrometer meters. Every meter is created up front, so a callback on the engine's threads
 * only increments: no lookup, no allocation. Names use base units (seconds, bytes) and Prometheus adds
 * {@code _total} to counters:
 *
 * <pre>
 * corebank_engine_batches_total                 write commands applied
 * corebank_engine_batch_items                   items per write command (histogram)
 * corebank_engine_apply_seconds                 time to apply one write command (histogram)
 * corebank_engine_items_rejected_total{result}  items refused, by result code (EXISTS is not a refusal)
 * corebank_engine_idempotent_repeats_total      items whose id was already applied with the same fields (EXISTS)
 * corebank_journal_entries_total                entries made durable
 * corebank_journal_written_bytes_total          bytes made durable
 * corebank_journal_append_seconds               time to write one group of entries (histogram)
 * corebank_journal_fsync_seconds                time to make one group durable (histogram)
 * </pre>
 */
final class LedgerMicrometerMetrics implements LedgerMetrics {
    /** Histogram buckets for items per command: powers of two up to the engine's batch size limit. */
    private static final double[] BATCH_ITEMS_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8189};

    private final Counter batches;
    private final DistributionSummary batchItems;
    private final Timer apply;
    private final Counter repeats;
    private final Map<ResultCode, Counter> rejected = new EnumMap<>(ResultCode.class);
    private final Counter journalEntries;
    private final Counter journalBytes;
    private final Timer journalAppend;
    private final Timer journalFsync;
    private final CommitTimeline timeline;

    LedgerMicrometerMetrics(MeterRegistry registry, CommitTimeline timeline) {
        this.timeline = timeline;
        this.batches = Counter.builder("corebank.engine.batches")
                .description("Write commands the engine applied").register(registry);
        this.batchItems = DistributionSummary.builder("corebank.engine.batch.items")
                .description("Items per write command").serviceLevelObjectives(BATCH_ITEMS_BUCKETS)
                .register(registry);
        this.apply = latency("corebank.engine.apply", "Time to apply one write command to the in-memory state",
                registry);
        this.repeats = Counter.builder("corebank.engine.idempotent.repeats")
                .description("Items whose id was already applied with the same fields (result exists)")
                .register(registry);
        for (ResultCode code : ResultCode.values()) {
            if (code != ResultCode.OK && code != ResultCode.EXISTS) {
                rejected.put(code, Counter.builder("corebank.engine.items.rejected").tag("result", code.wireName())
                        .description("Items the engine refused, by result code").register(registry));
            }
        }
        this.journalEntries = Counter.builder("corebank.journal.entries")
                .description("Journal entries made durable").register(registry);
        this.journalBytes = Counter.builder("corebank.journal.written").baseUnit("bytes")
                .description("Journal bytes made durable").register(registry);
        this.journalAppend = latency("corebank.journal.append", "Time to write one group of journal entries",
                registry);
        this.journalFsync = latency("corebank.journal.fsync", "Time to make one group of journal entries durable",
                registry);
    }

    private static Timer latency(String name, String description, MeterRegistry registry) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public void batchApplied(int items, long applyNanos) {
        batches.increment();
        batchItems.record(items);
        apply.record(applyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void itemResult(ResultCode result) {
        if (result == ResultCode.EXISTS) {
            repeats.increment();
            return;
        }
        Counter counter = rejected.get(result);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void journalSynced(int entries, long bytes, long writeNanos, long syncNanos) {
        journalEntries.increment(entries);
        journalBytes.increment(bytes);
        journalAppend.record(writeNanos, TimeUnit.NANOSECONDS);
        journalFsync.record(syncNanos, TimeUnit.NANOSECONDS);
        timeline.committed(entries);
    }
}
