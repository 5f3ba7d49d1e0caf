package dev.corebank.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.corebank.server.security.Role;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * corebank's ECS formatter writes, byte for byte, the line Spring Boot's own ECS formatter writes for the same event
 * and settings: message, key-value pairs, the MDC, markers, an exception with its cause, and characters outside ASCII
 * (which the two encode by different paths). Both run inside Spring Boot's {@link StructuredLogEncoder}, as in the
 * server. The common lines must come from corebank's own line writer (not its fall-back to Spring Boot's formatter),
 * and the others, and other settings, from Spring Boot's.
 */
class EcsLogFormatterTest {
    static final Instant TIME = Instant.parse("2026-12-06T21:00:00.123456789Z");
    static final Map<String, Object> SETTINGS = Map.of(
            "spring.application.pid", "4242",
            "logging.structured.ecs.service.name", "corebank",
            "logging.structured.ecs.service.version", "9.9.9",
            "logging.structured.ecs.service.node-name", "node-1",
            "logging.structured.json.customizer", EcsTraceFields.class.getName(),
            "logging.structured.json.exclude", "traceId,spanId");

    final LoggerContext context = new LoggerContext();
    final StandardEnvironment environment = environment(Map.of());
    final StructuredLogEncoder spring = encoder(environment, "ecs");
    final StructuredLogEncoder corebank = encoder(environment, EcsLogFormatter.class.getName());
    final EcsLineWriter lines = EcsLineWriter.of(environment);

    @Test
    void writesTheCommonLinesItselfAndAsSpringBootDoes() {
        assertThat(lines).isNotNull();

        List<LoggingEvent> common = List.of(
                event("plain ASCII line", Map.of(), List.of()),
                event("", Map.of(), List.of()),
                event("Zürich → Yangon, 100 ကျပ် 🏦 \"quoted\" \\ tab\t new\nline \u0001 \u007f \u0085 \b\f\r /", Map.of(
                        "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
                        "http.request.id", "r-1"), List.of(
                        new KeyValuePair("event.dataset", "corebank.access"),
                        new KeyValuePair("event.duration", 2403090L),
                        new KeyValuePair("http.request.method", "GET"),
                        new KeyValuePair("http.response.status_code", 201),
                        new KeyValuePair("http.response.body.bytes", 393L),
                        new KeyValuePair("url.path", "/v1/accounts/é\"x"),
                        new KeyValuePair("user.roles", Role.ADMIN),
                        new KeyValuePair("flag", true),
                        new KeyValuePair("nothing", null),
                        new KeyValuePair("amount", new BigDecimal("12.50")),
                        new KeyValuePair("id", UUID.fromString("11111111-1111-4111-8111-111111111111")))),
                event("only the trace", Map.of("traceId", "abc"), List.of()),
                event("only a pair", Map.of(), List.of(new KeyValuePair("a.b.c.d", "deep"),
                        new KeyValuePair("a.b.e", 1))));
        for (LoggingEvent event : common) {
            String expected = new String(spring.encode(event), StandardCharsets.UTF_8);
            assertThat(lines.write(event)).isEqualTo(expected);
            assertThat(corebank.encode(event)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode line = JsonMapper.builder().build().readTree(corebank.encode(event("ü", Map.of("traceId", "abc"),
                List.of(new KeyValuePair("user.id", "key-1")))));
        assertThat(line.path("message").asString()).isEqualTo("ü");
        assertThat(line.path("trace").path("id").asString()).isEqualTo("abc");
        assertThat(line.path("user").path("id").asString()).isEqualTo("key-1");
        assertThat(line.path("service").path("version").asString()).isEqualTo("9.9.9");
        assertThat(line.path("process").path("pid").asLong()).isEqualTo(4242);
        assertThat(line.has("traceId")).isFalse();
    }

    @Test
    void leavesEveryOtherLineToSpringBoot() {
        LoggingEvent thrown = event("refused", Map.of("traceId", "t"), List.of());
        thrown.setThrowableProxy(new ThrowableProxy(new IllegalStateException("outer ü",
                new IllegalArgumentException("inner"))));
        LoggingEvent marked = event("marked", Map.of(), List.of());
        marked.addMarker(MarkerFactory.getMarker("AUDIT"));
        List<LoggingEvent> others = List.of(thrown, marked,
                event("a map value", Map.of(), List.of(new KeyValuePair("m", Map.of("k", "v")))),
                event("a list value", Map.of(), List.of(new KeyValuePair("l", List.of(1, 2)))),
                event("a pair under a name the customizer may write", Map.of("trace.flags", "01"), List.of()),
                event(null, Map.of(), List.of()));
        for (LoggingEvent event : others) {
            assertThat(lines.write(event)).as(String.valueOf(event.getMessage())).isNull();
            assertThat(new String(corebank.encode(event), StandardCharsets.UTF_8)).as(String.valueOf(event.getMessage()))
                    .isEqualTo(new String(spring.encode(event), StandardCharsets.UTF_8));
        }
        // Two pairs under one name, a value where an object must go, a name with an empty part, a pair under a name of the line's own members:
        // Spring Boot refuses the line, and so does corebank's formatter.
        for (LoggingEvent event : List.of(
                event("a pair under a member's name", Map.of(), List.of(new KeyValuePair("log.origin", "x"))),
                event("an empty part", Map.of(), List.of(new KeyValuePair("a..b", "x"))),
                event("twice", Map.of("k", "mdc"), List.of(new KeyValuePair("k", "pair"))),
                event("value and object", Map.of(), List.of(new KeyValuePair("a", "x"), new KeyValuePair("a.b", "y"))))) {
            assertThat(lines.write(event)).as(event.getMessage()).isNull();
            assertThatThrownBy(() -> spring.encode(event)).as(event.getMessage()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> corebank.encode(event)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void writesNoLineItselfUnderSettingsItDoesNotCover() {
        assertThat(EcsLineWriter.of(environment(Map.of()))).isNotNull();
        for (Map<String, Object> other : List.<Map<String, Object>>of(
                Map.of("logging.structured.json.include", "message"),
                Map.of("logging.structured.json.rename.message", "msg"),
                Map.of("logging.structured.json.add.team", "ledger"),
                Map.of("logging.structured.json.context.prefix", "ctx"),
                Map.of("logging.structured.json.exclude", "traceId,spanId,user"),
                Map.of("logging.structured.json.customizer", ""))) {
            assertThat(EcsLineWriter.of(environment(other))).as(other.toString()).isNull();
        }
    }

    private StandardEnvironment environment(Map<String, Object> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", SETTINGS));
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        return environment;
    }

    private StructuredLogEncoder encoder(Environment environment, String format) {
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    private LoggingEvent event(String message, Map<String, String> mdc, List<KeyValuePair> pairs) {
        LoggingEvent event = new LoggingEvent(EcsLogFormatterTest.class.getName(),
                context.getLogger("corebank.test"), Level.INFO, message, null, null);
        event.setInstant(TIME);
        event.setThreadName("http-nio-8080-exec-1 \"x\"");
        event.setMDCPropertyMap(new LinkedHashMap<>(mdc));
        pairs.forEach(event::addKeyValuePair);
        return event;
    }
}
