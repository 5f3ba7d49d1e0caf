package dev.corebank.server.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Completes Spring Boot's ECS log lines with the fields an operator follows a request by: {@code trace.id} and
 * {@code span.id} (Micrometer Tracing keeps them in the MDC as {@code traceId} and {@code spanId}) and
 * {@code host.name}. Named in {@code logging.structured.json.customizer}; Spring Boot instantiates it.
 */
public final class EcsTraceFields implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {
    static final String MDC_TRACE_ID = "traceId";
    static final String MDC_SPAN_ID = "spanId";
    static final String HOST_NAME = LogSettings.hostName();

    @Override
    public void customize(org.springframework.boot.json.JsonWriter.Members<ILoggingEvent> members) {
        members.add("trace").whenNotNull((event) -> mdc(event, MDC_TRACE_ID))
                .usingMembers((trace) -> trace.add("id", (event) -> mdc(event, MDC_TRACE_ID)));
        members.add("span").whenNotNull((event) -> mdc(event, MDC_SPAN_ID))
                .usingMembers((span) -> span.add("id", (event) -> mdc(event, MDC_SPAN_ID)));
        members.add("host").usingMembers((host) -> host.add("name", HOST_NAME));
    }

    private static String mdc(ILoggingEvent event, String key) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        return mdc == null ? null : mdc.get(key);
    }
}
