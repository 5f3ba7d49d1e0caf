package dev.corebank.ledger.harness;

import java.util.List;
import java.util.function.Supplier;

/** Runs one list of operations through a fresh trial and says whether, and at which step, a check failed. */
final class TrialRunner<O> {
    private final Supplier<? extends Trial<O>> trials;
    private int runs;

    TrialRunner(Supplier<? extends Trial<O>> trials) {
        this.trials = trials;
    }

    /** How many lists this runner has run, for the report and for the minimiser's budget. */
    int runs() {
        return runs;
    }

    /** The failure, or null when every check passed. */
    TrialFailure run(List<O> operations) {
        runs++;
        int step = 0;
        TrialFailure failure = null;
        Trial<O> trial;
        try {
            trial = trials.get();
        } catch (RuntimeException | AssertionError startFailed) {
            return new TrialFailure(0, startFailed);
        }
        try {
            for (; step < operations.size(); step++) {
                trial.apply(step, operations.get(step));
            }
            trial.finish(step);
        } catch (Exception | AssertionError checkFailed) {
            failure = new TrialFailure(step, checkFailed);
        }
        try {
            trial.close();
        } catch (Exception | AssertionError closeFailed) {
            if (failure == null) {
                return new TrialFailure(operations.size(), closeFailed);
            }
            failure.cause().addSuppressed(closeFailed);
        }
        return failure;
    }
}
