package dev.corebank.ledger.harness;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A property checked over random lists of operations, in plain JUnit: a run of tries, each try generating its list from
 * its own seed and playing it through a fresh {@link Trial}. Everything follows from the seeds, so a run is the same
 * on every machine and a failure replays from its seed alone.
 *
 * <p>Try 0 uses the base seed itself and each later try the next value of a {@link SplittableRandom} seeded with it.
 * A failure is minimised (see {@link Minimiser}) and reported with the seed, the try, the step, the minimal list of
 * operations and the system properties that replay it (see {@link RunSettings}).
 *
 * @param <O> the type of one operation
 */
public final class SeededProperty<O> {
    /** Bounds a report: a minimal list longer than this is cut, with a note. */
    private static final int REPORTED_OPERATIONS_MAX = 200;

    private final String name;
    private final int triesDefault;
    private final Function<SplittableRandom, List<O>> generator;
    private final Supplier<? extends Trial<O>> trials;

    private SeededProperty(String name, int triesDefault, Function<SplittableRandom, List<O>> generator,
                           Supplier<? extends Trial<O>> trials) {
        if (triesDefault < 1) {
            throw new IllegalArgumentException("triesDefault must be at least 1 triesDefault=" + triesDefault);
        }
        this.name = name;
        this.triesDefault = triesDefault;
        this.generator = generator;
        this.trials = trials;
    }

    /**
     * @param name names the test in reports, as {@code Class#method} so that it can be passed to {@code -Dtest}
     * @param triesDefault how many tries a run makes unless {@code corebank.tries} says otherwise
     * @param generator draws one list of operations; it must use nothing but the random source it is given
     * @param trials makes a fresh system under test for every try
     */
    public static <O> SeededProperty<O> of(String name, int triesDefault,
                                           Function<SplittableRandom, List<O>> generator,
                                           Supplier<? extends Trial<O>> trials) {
        return new SeededProperty<>(name, triesDefault, generator, trials);
    }

    /** The base seed when none is given: fixed per property, so two properties do not draw the same lists. */
    public long defaultSeed() {
        return new SplittableRandom(name.hashCode()).nextLong();
    }

    /** Runs with the settings of the system properties; throws an {@link AssertionError} at the first failure. */
    public RunSummary run() {
        return run(RunSettings.fromSystemProperties(defaultSeed(), triesDefault));
    }

    public RunSummary run(RunSettings settings) {
        TrialRunner<O> runner = new TrialRunner<>(trials);
        SplittableRandom seeds = new SplittableRandom(settings.baseSeed());
        Progress progress = Progress.fromSystemProperty(name, settings.tries());
        for (int attempt = 0; attempt < settings.tries(); attempt++) {
            progress.tried(attempt);
            long seed = attempt == 0 ? settings.baseSeed() : seeds.nextLong();
            List<O> operations = List.copyOf(generator.apply(new SplittableRandom(seed)));
            TrialFailure failure = runner.run(operations);
            if (failure != null) {
                Minimiser.Result<O> minimal = new Minimiser<>(runner, Minimiser.RUNS_MAX)
                        .minimise(operations, failure);
                throw new AssertionError(report(settings, attempt, seed, operations, failure, minimal),
                        failure.cause());
            }
        }
        // One line per property, so a run shows which seed and how many tries it used.
        System.out.println(name + " passed tries=" + settings.tries() + " base seed=" + settings.baseSeed());
        return new RunSummary(settings.baseSeed(), settings.tries(), triesDefault);
    }

    /**
     * With {@code -Dcorebank.progress=true} (as {@code ./corebank simulate} sets it), a line on stderr every twentieth
     * of the run: tries done, the rate and the time left. Off in the suite, where one line per property is enough.
     */
    private record Progress(String name, int tries, boolean shown, long startedNanos) {
        static final String PROPERTY = "corebank.progress";
        static final int STEPS = 20;

        static Progress fromSystemProperty(String name, int tries) {
            return new Progress(name, tries, Boolean.getBoolean(PROPERTY), System.nanoTime());
        }

        void tried(int done) {
            int step = Math.max(1, tries / STEPS);
            if (!shown || done == 0 || done % step != 0) {
                return;
            }
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            double perSecond = done / seconds;
            System.err.printf(java.util.Locale.ROOT, "%s: %,d of %,d tries (%d%%), %.0f tries/s, about %.0f s left%n",
                    name, done, tries, 100L * done / tries, perSecond, (tries - done) / perSecond);
        }
    }

    private String report(RunSettings settings, int attempt, long seed, List<O> operations, TrialFailure failure,
                          Minimiser.Result<O> minimal) {
        StringBuilder text = new StringBuilder();
        text.append(name).append(" failed at seed=").append(seed).append(" try=").append(attempt)
                .append(" step=").append(failure.step()).append(" (of tries=").append(settings.tries())
                .append(" from base seed=").append(settings.baseSeed()).append(")\n");
        text.append("Replay this try: ./mvnw -pl ledger test -Dtest=").append(name)
                .append(" -D").append(RunSettings.SEED_PROPERTY).append('=').append(seed)
                .append(" -D").append(RunSettings.TRIES_PROPERTY).append("=1\n");
        text.append("Replay the whole run: -D").append(RunSettings.SEED_PROPERTY).append('=')
                .append(settings.baseSeed()).append(" -D").append(RunSettings.TRIES_PROPERTY).append('=')
                .append(settings.tries()).append('\n');
        text.append("Minimal failing sequence: ").append(minimal.operations().size()).append(" of ")
                .append(operations.size()).append(" operations, found in ").append(minimal.runs())
                .append(" runs, failing at step=").append(minimal.failure().step()).append('\n');
        appendOperations(text, minimal.operations());
        text.append("Minimal failure: ").append(minimal.failure().describe()).append('\n');
        text.append("Original failure: ").append(failure.describe());
        return text.toString();
    }

    private static <O> void appendOperations(StringBuilder text, List<O> operations) {
        int shown = Math.min(operations.size(), REPORTED_OPERATIONS_MAX);
        for (int index = 0; index < shown; index++) {
            text.append("  ").append(index).append(": ").append(operations.get(index)).append('\n');
        }
        if (shown < operations.size()) {
            text.append("  ... ").append(operations.size() - shown).append(" more not shown\n");
        }
    }
}
