package dev.corebank.ledger.harness;

/**
 * Why one run of a list of operations failed.
 *
 * @param step the index of the operation whose check failed, or the number of operations when the final check did
 * @param cause what the check threw
 */
record TrialFailure(int step, Throwable cause) {
    String describe() {
        String message = cause.getMessage();
        String text = message == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + message;
        return "step=" + step + " " + text;
    }
}
