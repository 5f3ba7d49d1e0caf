package dev.corebank.ledger.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The harness itself: what a failure reports, what minimisation keeps, and that a seed replays its try. */
class SeededPropertyTest {
    private static final Function<SplittableRandom, List<Integer>> DIGITS =
            random -> IntStream.range(0, 40).map(index -> random.nextInt(10)).boxed().toList();

    /** A trial that fails at the first operation for which the list so far breaks the rule. */
    private record Checking(Predicate<List<Integer>> broken, List<Integer> seen) implements Trial<Integer> {
        @Override
        public void apply(int step, Integer operation) {
            seen.add(operation);
            assertThat(broken.test(seen)).as("rule broken by %s", seen).isFalse();
        }
    }

    private static SeededProperty<Integer> failingWhen(Predicate<List<Integer>> broken) {
        return SeededProperty.of("SeededPropertyTest#example", 50, DIGITS,
                () -> new Checking(broken, new ArrayList<>()));
    }

    @Test
    void reportsTheSeedTheTryTheStepAndHowToReplayIt() {
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> failingWhen(seen -> seen.contains(7)).run(new RunSettings(42, 50, true)));
        assertThat(failure.getMessage())
                .contains("SeededPropertyTest#example failed at seed=42 try=0 step=")
                .contains("-Dcorebank.seed=42 -Dcorebank.tries=1")
                .contains("Replay the whole run: -Dcorebank.seed=42 -Dcorebank.tries=50");
        assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
    }

    @Test
    void minimisesToTheSingleOperationThatFails() {
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> failingWhen(seen -> seen.contains(7)).run(new RunSettings(42, 50, true)));
        assertThat(failure.getMessage()).contains("Minimal failing sequence: 1 of 40 operations")
                .contains("  0: 7\nMinimal failure: step=0");
    }

    @Test
    void minimisesToThePairOfOperationsThatFailsTogether() {
        Predicate<List<Integer>> threeThenFive = seen -> seen.indexOf(3) >= 0
                && seen.subList(seen.indexOf(3), seen.size()).contains(5);
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> failingWhen(threeThenFive).run(new RunSettings(7, 50, true)));
        assertThat(failure.getMessage()).contains("Minimal failing sequence: 2 of 40 operations")
                .contains("  0: 3\n  1: 5\nMinimal failure: step=1");
    }

    @Test
    void replaysExactlyTheFailingTryFromTheSeedItReports() {
        List<List<Integer>> generated = new ArrayList<>();
        Function<SplittableRandom, List<Integer>> recording = random -> {
            List<Integer> operations = DIGITS.apply(random);
            generated.add(operations);
            return operations;
        };
        // Rare enough that the first tries pass: 9, 9, 9 in a row.
        Predicate<List<Integer>> tripleNine = seen -> seen.size() >= 3
                && seen.subList(seen.size() - 3, seen.size()).equals(List.of(9, 9, 9));
        SeededProperty<Integer> property = SeededProperty.of("SeededPropertyTest#replay", 200, recording,
                () -> new Checking(tripleNine, new ArrayList<>()));
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> property.run(new RunSettings(1, 200, true)));
        Matcher reported = Pattern.compile("failed at seed=(-?\\d+) try=(\\d+)").matcher(failure.getMessage());
        assertThat(reported.find()).isTrue();
        assertThat(Integer.parseInt(reported.group(2))).as("the failure is not in the first try").isPositive();
        List<Integer> failingList = generated.get(Integer.parseInt(reported.group(2)));

        generated.clear();
        long seed = Long.parseLong(reported.group(1));
        assertThatThrownBy(() -> property.run(new RunSettings(seed, 1, true)))
                .hasMessageContaining("failed at seed=" + seed + " try=0");
        assertThat(generated.getFirst()).isEqualTo(failingList);
    }

    @Test
    void runsTheAskedNumberOfTriesEachFromItsOwnSeed() {
        List<List<Integer>> generated = new ArrayList<>();
        SeededProperty<Integer> property = SeededProperty.of("SeededPropertyTest#count", 30, random -> {
            List<Integer> operations = DIGITS.apply(random);
            generated.add(operations);
            return operations;
        }, () -> new Checking(seen -> false, new ArrayList<>()));
        RunSummary summary = property.run(new RunSettings(5, 30, false));
        assertThat(generated).hasSize(30).doesNotHaveDuplicates();
        assertThat(summary.atFullStrength()).isTrue();
        assertThat(property.run(new RunSettings(5, 3, true)).atFullStrength()).isFalse();
    }

    @Test
    void readsTheSeedAndTheTriesFromTheSystemProperties() {
        String seedBefore = System.getProperty(RunSettings.SEED_PROPERTY);
        String triesBefore = System.getProperty(RunSettings.TRIES_PROPERTY);
        try {
            System.clearProperty(RunSettings.SEED_PROPERTY);
            System.clearProperty(RunSettings.TRIES_PROPERTY);
            assertThat(RunSettings.fromSystemProperties(11, 100)).isEqualTo(new RunSettings(11, 100, false));
            System.setProperty(RunSettings.SEED_PROPERTY, "123");
            assertThat(RunSettings.fromSystemProperties(11, 100)).isEqualTo(new RunSettings(123, 1, true));
            System.setProperty(RunSettings.TRIES_PROPERTY, "7");
            assertThat(RunSettings.fromSystemProperties(11, 100)).isEqualTo(new RunSettings(123, 7, true));
            System.setProperty(RunSettings.SEED_PROPERTY, "not a seed");
            assertThatThrownBy(() -> RunSettings.fromSystemProperties(11, 100))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corebank.seed");
        } finally {
            restore(RunSettings.SEED_PROPERTY, seedBefore);
            restore(RunSettings.TRIES_PROPERTY, triesBefore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
