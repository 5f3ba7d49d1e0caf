package dev.corebank.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultTest {
    @Test
    void foldsRepeatsIntoMediansAndKeepsEveryThroughput() {
        RunResult folded = RunResult.median(List.of(
                ReportFixtures.result("engine", "uniform", 900, 30),
                ReportFixtures.result("engine", "uniform", 1_200, 10),
                ReportFixtures.result("engine", "uniform", 1_000, 20)));
        assertThat(folded.transfersPerSecond()).isEqualTo(1_000);
        assertThat(folded.transfersPerSecondRuns()).containsExactly(900.0, 1_200.0, 1_000.0);
        assertThat(folded.latency().p99Millis()).isEqualTo(20);
        assertThat(folded.latency().maxMillis()).isEqualTo(60);
        assertThat(folded.accepted()).isEqualTo(31_000);
        assertThat(folded.verdict().passed()).isTrue();
    }

    @Test
    void failsTheFoldedVerdictWhenAnyRepeatFailed() {
        RunResult good = ReportFixtures.result("engine", "uniform", 1_000, 20);
        RunResult bad = new RunResult("engine", "uniform", "", 1, 1, 0, 1, 1, 1, List.of(1.0), LatencySummary.NONE,
                0, 0, 1, Verdict.failed("server stopped"));
        assertThat(RunResult.median(List.of(good, bad)).verdict().passed()).isFalse();
    }

    @Test
    void takesTheMeanOfTheMiddleTwoForAnEvenCount() {
        assertThat(Statistics.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
