package dev.corebank.bench.run;

/**
 * Sends one unit of work to a system under test: one transfer, one SQL transaction, or one batch. Preparing (building
 * objects or a request body) is kept apart from sending, so that the measured latency is the system's, not the
 * client's. Implementations are called from many worker threads at once.
 *
 * @param <P> the prepared request
 */
public interface UnitExecutor<P> {
    /** Builds the request for transfers {@code first .. first + count - 1} of the stream. */
    P prepare(long first, int count);

    /**
     * Sends the prepared request and waits for the system's answer, then records each transfer's outcome. An exception
     * marks every transfer of the unit {@link Outcomes#FAILED}.
     */
    void execute(P prepared, long first, int count, Outcomes outcomes) throws Exception;
}
