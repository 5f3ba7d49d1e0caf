package dev.corebank.ledger.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Looks for a shorter list of operations that still fails, so a report shows only what matters. First the shortest
 * failing prefix (a step only depends on the steps before it, so the prefix up to the failing step fails again), then
 * single operations dropped one at a time, from the end, for as long as the list still fails. Any failure counts, not
 * only the first one's kind: the report shows the minimal list's own failure beside the original.
 */
final class Minimiser<O> {
    /** Bounds the work spent on one failure; the best list found so far is reported when it runs out. */
    static final int RUNS_MAX = 500;

    record Result<O>(List<O> operations, TrialFailure failure, int runs) {
    }

    private final TrialRunner<O> runner;
    private final int runsMax;

    Minimiser(TrialRunner<O> runner, int runsMax) {
        this.runner = runner;
        this.runsMax = runsMax;
    }

    Result<O> minimise(List<O> operations, TrialFailure failure) {
        int runsBefore = runner.runs();
        Result<O> prefix = shortestFailingPrefix(operations, failure, runsBefore);
        Result<O> dropped = dropSingleOperations(prefix.operations(), prefix.failure(), runsBefore);
        return new Result<>(dropped.operations(), dropped.failure(), runner.runs() - runsBefore);
    }

    private Result<O> shortestFailingPrefix(List<O> operations, TrialFailure failure, int runsBefore) {
        int known = Math.min(operations.size(), failure.step() + 1);
        for (int length = 0; length < known && withinBudget(runsBefore); length++) {
            List<O> prefix = List.copyOf(operations.subList(0, length));
            TrialFailure shorter = runner.run(prefix);
            if (shorter != null) {
                return new Result<>(prefix, shorter, 0);
            }
        }
        List<O> prefix = List.copyOf(operations.subList(0, known));
        return new Result<>(prefix, failure, 0);
    }

    private Result<O> dropSingleOperations(List<O> operations, TrialFailure failure, int runsBefore) {
        List<O> current = new ArrayList<>(operations);
        TrialFailure currentFailure = failure;
        boolean changed = true;
        while (changed && withinBudget(runsBefore)) {
            changed = false;
            for (int index = current.size() - 1; index >= 0 && withinBudget(runsBefore); index--) {
                List<O> candidate = new ArrayList<>(current);
                candidate.remove(index);
                TrialFailure stillFails = runner.run(candidate);
                if (stillFails != null) {
                    current = candidate;
                    currentFailure = stillFails;
                    changed = true;
                }
            }
        }
        return new Result<>(List.copyOf(current), currentFailure, 0);
    }

    private boolean withinBudget(int runsBefore) {
        return runner.runs() - runsBefore < runsMax;
    }
}
