package dev.corebank.server.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.corebank.server.api.ApiTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code ./corebank reactors}, the launcher's subcommand, against the running application over real HTTP. */
class ReactorsCommandTest extends ApiTestSupport {
    private static final Path LAUNCHER = Path.of("..", "corebank").toAbsolutePath().normalize();

    record Run(int exitCode, String output) {
    }

    @Test
    void listsTheReactorsAsATable() throws Exception {
        Run list = corebank(ADMIN_KEY, "reactors", "list");

        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("NAME").contains("LAG_ENTRIES").contains("projection")
                .contains("business-event-log");
    }

    @Test
    void pausesAndResumesAReactorByName() throws Exception {
        String operator = keyFor("operator");
        try {
            Run paused = corebank(operator, "reactors", "pause", "business-event-log");
            assertThat(paused.exitCode()).as(paused.output()).isZero();
            assertThat(paused.output()).contains("business-event-log");
        } finally {
            Run resumed = corebank(operator, "reactors", "resume", "business-event-log");
            assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        }
    }

    @Test
    void failsWithTheProblemOrAClearMessage() throws Exception {
        Run refused = corebank(ADMIN_KEY, "reactors", "rewind", "projection", "0");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("409").contains("reactor_not_rewindable");

        Run forbidden = corebank(keyFor("auditor"), "reactors", "list");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.output()).contains("403");

        Run keyless = corebank("", "reactors", "list");
        assertThat(keyless.exitCode()).isEqualTo(2);
        assertThat(keyless.output()).contains("set COREBANK_KEY");
    }

    private Run corebank(String key, String... arguments) throws IOException, InterruptedException {
        assumeThat(onPath("curl")).as("curl is installed").isTrue();
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("COREBANK_URL", "http://127.0.0.1:" + port);
        environment.put("COREBANK_KEY", key);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
