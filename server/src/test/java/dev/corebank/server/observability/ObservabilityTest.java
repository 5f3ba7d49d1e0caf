package dev.corebank.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.MetricFamily;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.MetricType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's logs, access logs and metrics, checked from outside over a real port, as an operator's tools would
 * read them: log lines as JSON, the access log with a combined-format pattern, the metrics with Prometheus's own
 * protobuf schema and, where it is installed, promtool.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.version=9.9.9-test")
class ObservabilityTest {
    static final Path DATA = tempDirectory("corebank-observability");
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Apache combined log format: host ident user [time] "request" status bytes "referer" "user agent". */
    static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})] \"(\\S+) (\\S+) (HTTP/[\\d.]+)\" "
                    + "(\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"$");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("server.tomcat.accesslog.buffered", () -> "false");
    }

    @Test
    void writesEveryLogLineAsEcsJsonWithServiceHostTraceAndRequestIds(CapturedOutput output) throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        HttpResponse<String> response = get("http://127.0.0.1:" + port + "/actuator/health/liveness",
                Map.of("X-Request-Id", requestId));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);

        List<JsonNode> lines = awaitJsonLines(output, (line) -> requestId.equals(text(line, "http.request.id")));
        JsonNode access = lines.getFirst();
        assertThat(text(access, "@timestamp")).isNotBlank();
        assertThat(text(access, "log.level")).isEqualTo("INFO");
        assertThat(text(access, "service.name")).isEqualTo("corebank");
        assertThat(text(access, "service.version")).isEqualTo("9.9.9-test");
        assertThat(text(access, "host.name")).isNotBlank();
        assertThat(text(access, "trace.id")).matches("[0-9a-f]{32}");
        assertThat(text(access, "span.id")).matches("[0-9a-f]{16}");
        assertThat(text(access, "ecs.version")).isNotBlank();
        // Micrometer's flat MDC keys are replaced by the ECS fields, not repeated beside them.
        assertThat(access.has("traceId")).isFalse();
        assertThat(access.has("spanId")).isFalse();
    }

    @Test
    void startupLinesAreEcsJsonToo(CapturedOutput output) {
        List<JsonNode> all = jsonLines(output);
        assertThat(all).isNotEmpty();
        assertThat(output.getOut().lines().filter((line) -> line.startsWith("{")).count()).isEqualTo(all.size());
        assertThat(all).allSatisfy((line) -> {
            assertThat(text(line, "service.name")).isEqualTo("corebank");
            assertThat(text(line, "host.name")).isNotBlank();
            assertThat(text(line, "log.logger")).isNotBlank();
        });
    }

    @Test
    void writesTheAccessLogAsEcsJsonWithRouteTemplateStatusBytesAndClient(CapturedOutput output) throws Exception {
        String requestId = "route-" + UUID.randomUUID();
        HttpResponse<String> response = get("http://127.0.0.1:" + port + "/actuator/metrics/jvm.threads.live",
                Map.of("X-Request-Id", requestId, "User-Agent", "corebank-test/1.0"));
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode access = awaitJsonLines(output, (line) -> requestId.equals(text(line, "http.request.id"))
                && EcsAccessLogValve.LOGGER.equals(text(line, "log.logger"))).getFirst();
        assertThat(text(access, "http.request.method")).isEqualTo("GET");
        assertThat(text(access, "http.route")).isEqualTo("/actuator/metrics/{requiredMetricName}");
        assertThat(text(access, "url.path")).isEqualTo("/actuator/metrics/jvm.threads.live");
        assertThat(text(access, "http.response.status_code")).isEqualTo("200");
        assertThat(Long.parseLong(text(access, "http.response.body.bytes")))
                .isEqualTo(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(Long.parseLong(text(access, "event.duration"))).isPositive()
                .isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(text(access, "client.address")).isEqualTo("127.0.0.1");
        assertThat(text(access, "user_agent.original")).isEqualTo("corebank-test/1.0");
        assertThat(text(access, "trace.id")).matches("[0-9a-f]{32}");
    }

    @Test
    void writesCombinedFormatAccessLinesForIpv4AndIpv6Clients() throws Exception {
        String ipv4Agent = "ipv4-" + UUID.randomUUID();
        String ipv6Agent = "ipv6-" + UUID.randomUUID();
        assertThat(get("http://127.0.0.1:" + port + "/actuator/health", Map.of("User-Agent", ipv4Agent))
                .statusCode()).isEqualTo(200);
        assertThat(get("http://[::1]:" + port + "/actuator/health", Map.of("User-Agent", ipv6Agent))
                .statusCode()).isEqualTo(200);

        Matcher ipv4 = awaitCombinedLine(ipv4Agent);
        assertThat(ipv4.group(1)).isEqualTo("127.0.0.1");
        assertThat(ipv4.group(3)).isEqualTo("-");
        assertThat(ipv4.group(5)).isEqualTo("GET");
        assertThat(ipv4.group(6)).isEqualTo("/actuator/health");
        assertThat(ipv4.group(8)).isEqualTo("200");
        assertThat(Long.parseLong(ipv4.group(9))).isPositive();

        Matcher ipv6 = awaitCombinedLine(ipv6Agent);
        assertThat(ipv6.group(1)).isEqualTo("::1");
        assertThat(ipv6.group(8)).isEqualTo("200");
    }

    @Test
    void servesLivenessAndReadinessProbes() throws Exception {
        HttpResponse<String> liveness = get("http://127.0.0.1:" + port + "/actuator/health/liveness", Map.of());
        assertThat(liveness.statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("http://[::1]:" + port + "/actuator/health/readiness", Map.of());
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(readiness.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exportsEngineJournalProjectionHttpAndJvmMetricsInPrometheusProtobuf() throws Exception {
        get("http://127.0.0.1:" + port + "/actuator/health", Map.of());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                        + "encoding=delimited").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, MetricFamily> families = new HashMap<>();
        try (InputStream body = response.body()) {
            MetricFamily family;
            while ((family = MetricFamily.parseDelimitedFrom(body)) != null) {
                families.put(family.getName(), family);
            }
        }
        assertThat(families.get("http_server_requests_seconds").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("http_server_requests_seconds").getMetricList()).anySatisfy((metric) ->
                assertThat(metric.getLabelList()).anySatisfy((label) -> {
                    assertThat(label.getName()).isEqualTo("uri");
                    assertThat(label.getValue()).isEqualTo("/actuator/health");
                }));
        assertThat(families.get("corebank_engine_batches_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(families.get("corebank_engine_batch_items").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("corebank_engine_apply_seconds").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("corebank_engine_queue_depth").getType()).isEqualTo(MetricType.GAUGE);
        // One series for each result code but OK and EXISTS (a repeat, not a refusal), registered up front so a rate
        // never starts from a missing series.
        assertThat(families.get("corebank_engine_items_rejected_total").getMetricCount())
                .isEqualTo(dev.corebank.ledger.ResultCode.values().length - 2);
        assertThat(families.get("corebank_engine_idempotent_repeats_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(families.get("corebank_journal_append_seconds").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("corebank_journal_fsync_seconds").getType()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(families.get("corebank_journal_written_bytes_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(families.get("corebank_projection_lag_entries").getType()).isEqualTo(MetricType.GAUGE);
        assertThat(families.get("corebank_projection_lag_seconds").getType()).isEqualTo(MetricType.GAUGE);
        for (String gauge : List.of("corebank_reactor_position", "corebank_reactor_lag_entries",
                "corebank_reactor_lag_seconds", "corebank_reactor_state")) {
            assertThat(families.get(gauge).getType()).as(gauge).isEqualTo(MetricType.GAUGE);
        }
        for (String counter : List.of("corebank_reactor_runs_total", "corebank_reactor_failures_total",
                "corebank_reactor_dead_letters_total")) {
            assertThat(families.get(counter).getType()).as(counter).isEqualTo(MetricType.COUNTER);
        }
        assertThat(families.get("corebank_reactor_lag_entries").getMetricList()).flatExtracting(
                        (metric) -> metric.getLabelList().stream().filter((label) -> label.getName().equals("reactor"))
                                .map((label) -> label.getValue()).toList())
                .contains("projection", "business-event-log");
        assertThat(families).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads",
                "process_cpu_usage", "corebank_engine_up", "corebank_journal_committed_sequence");
    }

    @Test
    void passesPromtoolsMetricsLintWhereItIsInstalled() throws Exception {
        Path promtool = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map((directory) -> Path.of(directory, "promtool")).filter(Files::isExecutable).findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool != null, "promtool is not installed");
        String exposition = get("http://127.0.0.1:" + port + "/actuator/prometheus", Map.of()).body();
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var stdin = check.getOutputStream()) {
            stdin.write(exposition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String findings = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(findings).isBlank();
        assertThat(check.exitValue()).isZero();
    }

    @Test
    void dashboardAndAlertRulesQueryOnlyMetricsTheServerExports() throws Exception {
        Path deploy = Path.of("..", "deploy").toAbsolutePath().normalize();
        // GC pause timers appear with the first collection; a young test JVM may not have had one yet.
        System.gc();
        String exposition = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get("http://127.0.0.1:" + port + "/actuator/prometheus", Map.of()).body(),
                        (body) -> body.contains("jvm_gc_pause_seconds_sum"));
        java.util.Set<String> exported = new java.util.HashSet<>();
        exposition.lines().filter((line) -> !line.startsWith("#") && !line.isBlank())
                .forEach((line) -> exported.add(line.split("[{ ]", 2)[0]));
        Pattern metricName = Pattern.compile(
                "\\b(?:corebank|http_server|jvm|process|system|hikaricp|jdbc|tomcat|logback)_[a-z0-9_]+");
        for (Path file : List.of(deploy.resolve("grafana/dashboards/corebank.json"),
                deploy.resolve("prometheus/alerts.yml"))) {
            Matcher names = metricName.matcher(Files.readString(file));
            int found = 0;
            while (names.find()) {
                found++;
                assertThat(exported).as("%s uses %s", file.getFileName(), names.group()).contains(names.group());
            }
            assertThat(found).as("metric names in %s", file).isGreaterThan(5);
        }
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Matcher awaitCombinedLine(String userAgent) {
        return awaitCombinedLine(DATA.resolve("logs"), userAgent);
    }

    /** Waits for the combined-format access log line in {@code directory} that contains {@code needle}. */
    static Matcher awaitCombinedLine(Path directory, String needle) {
        String line = org.awaitility.Awaitility.await("an access log line with " + needle + " in " + directory)
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> accessLine(directory, needle), java.util.Optional::isPresent).orElseThrow();
        Matcher matcher = COMBINED.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
    }

    private static java.util.Optional<String> accessLine(Path directory, String needle) throws IOException {
        if (!Files.isDirectory(directory)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter((path) -> path.getFileName().toString().startsWith("access")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(needle)) {
                        return java.util.Optional.of(line);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    static List<JsonNode> awaitJsonLines(CapturedOutput output, java.util.function.Predicate<JsonNode> wanted) {
        return org.awaitility.Awaitility.await("a matching JSON log line").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jsonLines(output).stream().filter(wanted).toList(), (found) -> !found.isEmpty());
    }

    static List<JsonNode> jsonLines(CapturedOutput output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** An ECS field by its dotted name, whether written nested ({"trace":{"id":..}}) or flat ("trace.id"). */
    static String text(JsonNode line, String dottedName) {
        if (line.has(dottedName)) {
            return line.get(dottedName).asString();
        }
        JsonNode node = line;
        for (String part : dottedName.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
