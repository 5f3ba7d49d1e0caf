package dev.corebank.bench.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything one benchmark run measured, as one JSON document: the machine, the settings, each result with its
 * verification, the ratios and the goals.
 *
 * @param kind     "side-by-side" or "ledger"
 * @param command  the command line, for repeating the run
 * @param details  measurements beyond the table, such as where the engine's threads spent their time
 */
public record JsonReport(String kind, String startedAt, String command, MachineInfo machine,
                         Map<String, Object> settings, List<RunResult> results, List<Ratio> ratios, List<Goal> goals,
                         boolean allVerified, Map<String, Object> details, List<String> notes) {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public String toJson() {
        return MAPPER.writeValueAsString(this);
    }

    public void write(Path file) {
        MAPPER.writeValue(file.toFile(), this);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
