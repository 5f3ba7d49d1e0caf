package dev.corebank.ledger.harness;

/**
 * How many tries a seeded property runs and from which seed. Read from system properties, so that a failure can be
 * replayed from the command line: {@code -Dcorebank.seed=S -Dcorebank.tries=N}.
 *
 * <ul>
 *   <li>Neither set: the property's default tries from its default seed, the same on every run.</li>
 *   <li>{@code corebank.seed=S}: try 0 uses seed S itself, so S alone (tries default to 1) replays exactly that try;
 *       {@code random} draws a fresh seed, which a failure reports.</li>
 *   <li>{@code corebank.tries=N}: N tries instead of the default.</li>
 * </ul>
 *
 * @param baseSeed the seed of try 0, from which the seeds of the later tries are derived
 * @param tries how many tries to run
 * @param seedGiven true when the seed came from {@code corebank.seed}
 */
public record RunSettings(long baseSeed, int tries, boolean seedGiven) {
    public static final String SEED_PROPERTY = "corebank.seed";
    public static final String TRIES_PROPERTY = "corebank.tries";
    /** Bounds a mistyped tries value, so a run cannot go on for days. */
    public static final int TRIES_MAX = 1_000_000;

    public RunSettings {
        if (tries < 1 || tries > TRIES_MAX) {
            throw new IllegalArgumentException("tries must be in [1, " + TRIES_MAX + "] tries=" + tries);
        }
    }

    /** The settings for a property with the given defaults, overridden by the system properties when set. */
    public static RunSettings fromSystemProperties(long defaultSeed, int defaultTries) {
        String seedText = System.getProperty(SEED_PROPERTY, "").strip();
        String triesText = System.getProperty(TRIES_PROPERTY, "").strip();
        boolean seedGiven = !seedText.isEmpty();
        long seed = seedGiven ? parseSeed(seedText) : defaultSeed;
        int tries = triesText.isEmpty() ? (seedGiven ? 1 : defaultTries) : parseTries(triesText);
        return new RunSettings(seed, tries, seedGiven);
    }

    private static long parseSeed(String text) {
        if (text.equals("random")) {
            return new java.util.SplittableRandom().nextLong();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(SEED_PROPERTY + " must be a long or 'random' value=" + text,
                    notANumber);
        }
    }

    private static int parseTries(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(TRIES_PROPERTY + " must be an int value=" + text, notANumber);
        }
    }
}
