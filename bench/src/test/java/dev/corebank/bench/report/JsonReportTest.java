package dev.corebank.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class JsonReportTest {
    @TempDir
    Path directory;

    @Test
    void writesResultsRatiosGoalsAndTheMachineAsOneDocument() {
        List<RunResult> results = ReportFixtures.sideBySide();
        MachineInfo machine = new MachineInfo(2, "Test CPU", 24.0, "Linux", "Test JDK", "defaults", "ext4", 1.5,
                "PostgreSQL 15");
        JsonReport report = new JsonReport("side-by-side", "2026-01-01T00:00:00Z", "./corebank bench --quick",
                machine, Map.of("quick", true), results, Comparisons.ratios(results), Comparisons.goals(results),
                true, Map.of("engine uniform", Map.of("syncs", 12)), List.of("a note"));
        Path file = directory.resolve("bench.json");
        report.write(file);

        JsonNode json = JsonReport.mapper().readTree(file.toFile());
        assertThat(json.get("kind").asString()).isEqualTo("side-by-side");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("results")).hasSize(results.size());
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("system").asString()).isEqualTo("engine");
        assertThat(first.get("transfersPerSecond").asDouble()).isEqualTo(1_000_000);
        assertThat(first.get("latency").get("p99Millis").asDouble()).isEqualTo(20);
        assertThat(first.get("verdict").get("passed").asBoolean()).isTrue();
        assertThat(json.get("ratios").get(0).get("value").asDouble()).isEqualTo(500);
        assertThat(json.get("goals").get(7).get("status").asString()).isEqualTo("NOT_MEASURED");
        assertThat(json.get("goals").get(7).get("measured").isNull()).isTrue();
        assertThat(json.get("allVerified").asBoolean()).isTrue();
        assertThat(json.get("notes").get(0).asString()).isEqualTo("a note");
    }
}
