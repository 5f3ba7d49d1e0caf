package dev.corebank.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonsTest {
    @Test
    void dividesEachCorebankSystemByTheBaselineOfTheSameWorkload() {
        List<Ratio> ratios = Comparisons.ratios(ReportFixtures.sideBySide());
        assertThat(ratios).extracting(Ratio::name).containsExactly(
                "engine / postgres, uniform", "engine / postgres, hot-account",
                "http-single / postgres, uniform", "http-single / postgres, hot-account",
                "engine, hot-account / uniform", "http-single, hot-account / uniform");
        assertThat(ratios.get(0).value()).isCloseTo(500, within(1e-9));
        assertThat(ratios.get(1).value()).isCloseTo(2375, within(1e-9));
        assertThat(ratios.get(4).value()).isCloseTo(0.95, within(1e-9));
    }

    @Test
    void judgesEveryGoalAndMarksTheOnesWithoutData() {
        List<Goal> goals = Comparisons.goals(ReportFixtures.sideBySide());
        assertThat(goals).extracting(Goal::name, Goal::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("engine durable / PostgreSQL, uniform", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple("engine durable / PostgreSQL, hot account", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple(
                        "HTTP one transfer per request / PostgreSQL, same concurrency, uniform", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple(
                        "HTTP one transfer per request / PostgreSQL, uniform (issue 13)", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple(
                        "HTTP one transfer per request / PostgreSQL, hot account (issue 13)", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple("engine hot account / its own uniform", Goal.Status.MET),
                org.assertj.core.groups.Tuple.tuple("http-single hot account / its own uniform", Goal.Status.MISSED),
                org.assertj.core.groups.Tuple.tuple("http-batch hot account / its own uniform",
                        Goal.Status.NOT_MEASURED));
    }

    @Test
    void missesAGoalJustBelowItsTargetAndMeetsOneExactlyOnIt() {
        assertThat(Goal.atLeast("ratio", 99.99, 100, "x").status()).isEqualTo(Goal.Status.MISSED);
        assertThat(Goal.atLeast("ratio", 100.0, 100, "x").status()).isEqualTo(Goal.Status.MET);
        assertThat(Goal.atMost("tail", 2.0, 2, "x").status()).isEqualTo(Goal.Status.MET);
        assertThat(Goal.atMost("tail", 2.01, 2, "x").status()).isEqualTo(Goal.Status.MISSED);
        assertThat(Goal.atMost("tail", null, 2, "x").status()).isEqualTo(Goal.Status.NOT_MEASURED);
    }
}
