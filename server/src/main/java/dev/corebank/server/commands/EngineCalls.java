package dev.corebank.server.commands;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the engine's answer on the request's (virtual) thread, bounded by the ledger timeout. An engine failure
 * is rethrown as itself, so the problem handler can tell an overloaded engine from a stopped one.
 */
public final class EngineCalls {
    private EngineCalls() {
    }

    public static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the ledger engine");
        } catch (java.util.concurrent.TimeoutException timedOut) {
            throw new TimeoutException("the ledger engine did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("ledger engine call failed", failed.getCause());
        }
    }

    /** The engine did not answer in time; the command may still be applied. */
    public static final class TimeoutException extends RuntimeException {
        public TimeoutException(String message) {
            super(message);
        }
    }
}
