package dev.corebank.bench.report;

import java.util.List;

/** The verification of one run: it passes when every check holds. */
public record Verdict(boolean passed, List<Check> checks) {
    public static Verdict of(List<Check> checks) {
        return new Verdict(!checks.isEmpty() && checks.stream().allMatch(Check::passed), List.copyOf(checks));
    }

    /** A run that could not be verified at all, for example because the system stopped answering. */
    public static Verdict failed(String reason) {
        return of(List.of(new Check("verification ran", false, reason)));
    }

    /** "ok", or the names of the failed checks. */
    public String summary() {
        if (passed) {
            return "ok";
        }
        StringBuilder failed = new StringBuilder("FAILED:");
        for (Check check : checks) {
            if (!check.passed()) {
                failed.append(' ').append(check.name()).append(" (").append(check.detail()).append(')');
            }
        }
        return failed.toString();
    }
}
