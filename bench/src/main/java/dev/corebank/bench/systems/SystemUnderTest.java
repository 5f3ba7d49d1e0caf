package dev.corebank.bench.systems;

import dev.corebank.bench.run.UnitExecutor;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;

/**
 * One system the benchmark drives. The runner calls {@link #prepare} before each workload, measures through
 * {@link #executor}, and reads a {@link #snapshot} before and after to verify that no money appeared or vanished.
 */
public interface SystemUnderTest extends AutoCloseable {
    /** The process that serves the load, when it is one of its own, so its CPU can be reported; empty otherwise. */
    default java.util.Optional<ProcessHandle> serverProcess() {
        return java.util.Optional.empty();
    }

    /** The system's read model's lag, when it has a read model that trails its journal; empty otherwise. */
    default java.util.Optional<ReadModelLag> readModelLag() {
        return java.util.Optional.empty();
    }

    /** Short name for tables and the JSON result, for example {@code engine}. */
    String name();

    /** One line saying what is measured. */
    String description();

    /** Transfers per unit of work: 1 for one transfer per request or transaction, else the batch size. */
    int unitSize();

    /** Units in flight at once. */
    int concurrency();

    /** Opens or resets the system and loads the accounts with their opening balances. */
    void prepare(BenchAccounts accounts, TransferStream stream) throws Exception;

    UnitExecutor<?> executor(TransferStream stream);

    /** Reads every customer balance and, where the system can tell, how many transfers of the first
     * {@code sentEnd} of the stream it stores. */
    Snapshot snapshot(TransferStream stream, long sentEnd) throws Exception;

    /** The most transfers one run may send, when the system itself sets a bound (the engine's memory); else none. */
    default long transfersPerRunMax() {
        return Long.MAX_VALUE;
    }

    /**
     * True for a system in a JVM of its own that starts cold (the server): its warm-up gets a minimum length, because
     * on two busy cores it can hold a low, steady rate for a while before it speeds up.
     */
    default boolean startsCold() {
        return false;
    }

    /** Stops the system and removes what it wrote. */
    @Override
    void close();
}
