package dev.corebank.ledger;

/**
 * Always-on invariant checks. Java {@code assert} is off in production, so money code checks with this instead. A
 * failed check is a bug: it throws {@link InvariantViolation}, which stops the engine; it is never swallowed.
 */
public final class Check {
    private Check() {
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new InvariantViolation(message);
        }
    }

    // Fixed-arity overloads: a passing check on the hot path allocates no varargs array and boxes nothing.

    public static void that(boolean condition, String format, long argument) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, argument));
        }
    }

    public static void that(boolean condition, String format, long first, long second) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, first, second));
        }
    }

    public static void that(boolean condition, String format, long first, long second, long third) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, first, second, third));
        }
    }

    public static void that(boolean condition, String format, Object argument) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, argument));
        }
    }

    public static void that(boolean condition, String format, Object first, Object second) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, first, second));
        }
    }

    public static void that(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new InvariantViolation(String.format(java.util.Locale.ROOT, format, arguments));
        }
    }

    /** Thrown when an invariant of the ledger does not hold. */
    public static final class InvariantViolation extends RuntimeException {
        public InvariantViolation(String message) {
            super(message);
        }
    }
}
