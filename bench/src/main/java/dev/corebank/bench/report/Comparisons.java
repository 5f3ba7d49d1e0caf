package dev.corebank.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ratios and goals of the side-by-side benchmark, computed from the results of one run. Systems and workloads
 * that were not run simply give no ratio, and their goals read "not measured".
 */
public final class Comparisons {
    public static final String ENGINE = "engine";
    public static final String HTTP_SINGLE = "http-single";
    public static final String HTTP_BATCH = "http-batch";
    public static final String POSTGRES = "postgres";
    public static final String UNIFORM = "uniform";
    public static final String HOT_ACCOUNT = "hot-account";

    public static final double ENGINE_OVER_POSTGRES_UNIFORM_MIN = 100;
    public static final double ENGINE_OVER_POSTGRES_HOT_MIN = 500;
    public static final double HTTP_SINGLE_OVER_POSTGRES_MIN = 5;
    /** Issue 13's target for one transfer per request, on the uniform and the hot-account workloads alike. */
    public static final double HTTP_SINGLE_OVER_POSTGRES_EACH_MIN = 2;
    public static final double HOT_OVER_UNIFORM_MIN = 0.9;

    private static final List<String> COREBANK_SYSTEMS = List.of(ENGINE, HTTP_SINGLE, HTTP_BATCH);

    private Comparisons() {
    }

    /** Each corebank system over the baseline per workload, then each corebank system's hot over uniform. */
    public static List<Ratio> ratios(List<RunResult> results) {
        List<Ratio> ratios = new ArrayList<>();
        List<String> workloads = results.stream().map(RunResult::workload).distinct().toList();
        for (String system : COREBANK_SYSTEMS) {
            for (String workload : workloads) {
                ratio(results, system, workload, POSTGRES, workload).ifPresent(ratios::add);
            }
        }
        for (String system : COREBANK_SYSTEMS) {
            ratio(results, system, HOT_ACCOUNT, system, UNIFORM).ifPresent(ratios::add);
        }
        return ratios;
    }

    public static List<Goal> goals(List<RunResult> results) {
        List<Goal> goals = new ArrayList<>();
        goals.add(Goal.atLeast("engine durable / PostgreSQL, uniform",
                value(results, ENGINE, UNIFORM, POSTGRES, UNIFORM), ENGINE_OVER_POSTGRES_UNIFORM_MIN, "x"));
        goals.add(Goal.atLeast("engine durable / PostgreSQL, hot account",
                value(results, ENGINE, HOT_ACCOUNT, POSTGRES, HOT_ACCOUNT), ENGINE_OVER_POSTGRES_HOT_MIN, "x"));
        goals.add(Goal.atLeast("HTTP one transfer per request / PostgreSQL, same concurrency, uniform",
                value(results, HTTP_SINGLE, UNIFORM, POSTGRES, UNIFORM), HTTP_SINGLE_OVER_POSTGRES_MIN, "x"));
        goals.add(Goal.atLeast("HTTP one transfer per request / PostgreSQL, uniform (issue 13)",
                value(results, HTTP_SINGLE, UNIFORM, POSTGRES, UNIFORM), HTTP_SINGLE_OVER_POSTGRES_EACH_MIN, "x"));
        goals.add(Goal.atLeast("HTTP one transfer per request / PostgreSQL, hot account (issue 13)",
                value(results, HTTP_SINGLE, HOT_ACCOUNT, POSTGRES, HOT_ACCOUNT), HTTP_SINGLE_OVER_POSTGRES_EACH_MIN,
                "x"));
        for (String system : COREBANK_SYSTEMS) {
            goals.add(Goal.atLeast(system + " hot account / its own uniform",
                    value(results, system, HOT_ACCOUNT, system, UNIFORM), HOT_OVER_UNIFORM_MIN, "x"));
        }
        return goals;
    }

    private static Double value(List<RunResult> results, String numerator, String numeratorWorkload,
                                String denominator, String denominatorWorkload) {
        return ratio(results, numerator, numeratorWorkload, denominator, denominatorWorkload)
                .map(Ratio::value).orElse(null);
    }

    private static Optional<Ratio> ratio(List<RunResult> results, String numerator, String numeratorWorkload,
                                         String denominator, String denominatorWorkload) {
        Optional<RunResult> top = find(results, numerator, numeratorWorkload);
        Optional<RunResult> bottom = find(results, denominator, denominatorWorkload);
        if (top.isEmpty() || bottom.isEmpty() || bottom.get().transfersPerSecond() <= 0) {
            return Optional.empty();
        }
        String name = numeratorWorkload.equals(denominatorWorkload)
                ? numerator + " / " + denominator + ", " + numeratorWorkload
                : numerator + ", " + numeratorWorkload + " / " + denominatorWorkload;
        return Optional.of(new Ratio(name, numerator, denominator, numeratorWorkload,
                top.get().transfersPerSecond() / bottom.get().transfersPerSecond()));
    }

    public static Optional<RunResult> find(List<RunResult> results, String system, String workload) {
        return results.stream().filter(run -> run.system().equals(system) && run.workload().equals(workload))
                .findFirst();
    }
}
