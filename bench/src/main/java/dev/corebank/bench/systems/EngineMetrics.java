package dev.corebank.bench.systems;

import dev.corebank.ledger.LedgerMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the engine reports through its public metrics hook. The engine thread's apply time gives the state
 * machine's own rate, without the journal; the sync thread's write and fsync times say where the durable path waits.
 */
public final class EngineMetrics implements LedgerMetrics {
    private final LongAdder itemsApplied = new LongAdder();
    private final LongAdder applyNanos = new LongAdder();
    private final LongAdder syncs = new LongAdder();
    private final LongAdder entriesSynced = new LongAdder();
    private final LongAdder bytesSynced = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();
    private final LongAdder syncNanos = new LongAdder();

    @Override
    public void batchApplied(int items, long nanos) {
        itemsApplied.add(items);
        applyNanos.add(nanos);
    }

    @Override
    public void journalSynced(int entries, long bytes, long nanosWriting, long nanosSyncing) {
        syncs.increment();
        entriesSynced.add(entries);
        bytesSynced.add(bytes);
        writeNanos.add(nanosWriting);
        syncNanos.add(nanosSyncing);
    }

    public void reset() {
        itemsApplied.reset();
        applyNanos.reset();
        syncs.reset();
        entriesSynced.reset();
        bytesSynced.reset();
        writeNanos.reset();
        syncNanos.reset();
    }

    public Totals totals() {
        return new Totals(itemsApplied.sum(), applyNanos.sum(), syncs.sum(), entriesSynced.sum(), bytesSynced.sum(),
                writeNanos.sum(), syncNanos.sum());
    }

    /**
     * A reading of the counters.
     *
     * @param itemsApplied items of write commands applied by the engine thread
     * @param applyNanos   engine-thread time spent applying them (state machine and event encoding)
     * @param syncs        group commits: one write and one fsync each
     */
    public record Totals(long itemsApplied, long applyNanos, long syncs, long entriesSynced, long bytesSynced,
                         long writeNanos, long syncNanos) {
        /** Items per second of engine-thread apply time: the state machine's rate with no journal in the way. */
        public double applyItemsPerSecond() {
            return applyNanos == 0 ? 0 : itemsApplied * 1e9 / applyNanos;
        }

        public double syncMillisMean() {
            return syncs == 0 ? 0 : syncNanos / 1e6 / syncs;
        }

        public double writeMillisMean() {
            return syncs == 0 ? 0 : writeNanos / 1e6 / syncs;
        }

        public double bytesPerSync() {
            return syncs == 0 ? 0 : (double) bytesSynced / syncs;
        }
    }
}
