package dev.corebank.ledger.harness;

/**
 * One try of a seeded property: a fresh system under test that takes the operations one at a time and checks each.
 * A check that fails throws (an {@link AssertionError} or any exception); the harness records at which step.
 *
 * @param <O> the type of one operation
 */
public interface Trial<O> extends AutoCloseable {
    /** Applies the operation at index {@code step} and checks what followed. */
    void apply(int step, O operation) throws Exception;

    /** Checks once more after the last operation; {@code step} is then the number of operations. */
    default void finish(int step) throws Exception {
    }

    /** Releases what the try holds (an engine, a directory); called after a failure too. */
    @Override
    default void close() throws Exception {
    }
}
