package dev.corebank.server.observability;

import dev.corebank.server.security.Caller;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The access log as ECS JSON: one line per HTTP request on the logger {@code corebank.access}, written by Tomcat after
 * the response is complete, so the status and byte count are final (error pages included). Fields: http.request.method,
 * http.route (the matched route template), url.path, http.response.status_code, http.response.body.bytes,
 * event.duration (nanoseconds), client.address and client.ip, user.id (the API key id, never the key), user_agent.original,
 * trace.id, span.id and http.request.id.
 *
 * <p>It sits beside Tomcat's own combined-format access log; both are fed by the same request.
 */
final class EcsAccessLogValve extends ValveBase implements AccessLog {
    static final String LOGGER = "corebank.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int USER_AGENT_LENGTH_MAX = 512;

    private boolean requestAttributesEnabled;

    EcsAccessLogValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
    }

    @Override
    public void log(Request request, Response response, long timeNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String method = request.getMethod();
        String route = stringAttribute(request, HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        int status = response.getStatus();
        long bytes = response.getBytesWritten(false);
        putMdc(request);
        try {
            LoggingEventBuilder line = LOG.atInfo()
                    .addKeyValue("event.dataset", "corebank.access")
                    .addKeyValue("event.duration", timeNanos)
                    .addKeyValue("http.request.method", method)
                    .addKeyValue("url.path", request.getRequestURI())
                    .addKeyValue("http.response.status_code", status)
                    .addKeyValue("http.response.body.bytes", bytes)
                    .addKeyValue("client.address", request.getRemoteAddr())
                    .addKeyValue("client.ip", request.getRemoteAddr());
            if (route != null) {
                line = line.addKeyValue("http.route", route);
            }
            if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller) {
                line = line.addKeyValue("user.id", caller.keyId()).addKeyValue("user.roles", caller.role().name());
            }
            String userAgent = request.getHeader("User-Agent");
            if (userAgent != null) {
                line = line.addKeyValue("user_agent.original", userAgent.length() <= USER_AGENT_LENGTH_MAX
                        ? userAgent : userAgent.substring(0, USER_AGENT_LENGTH_MAX));
            }
            line.log("{} {} {} {}B {}ms", method, route != null ? route : request.getRequestURI(), status, bytes,
                    TimeUnit.NANOSECONDS.toMillis(timeNanos));
        } finally {
            MDC.remove(EcsTraceFields.MDC_TRACE_ID);
            MDC.remove(EcsTraceFields.MDC_SPAN_ID);
            MDC.remove(RequestIdFilter.MDC_REQUEST_ID);
        }
    }

    /** The tracing scope has closed when Tomcat logs; the ids were kept on the request for this moment. */
    private static void putMdc(Request request) {
        putIfPresent(EcsTraceFields.MDC_TRACE_ID, stringAttribute(request, RequestIdFilter.ATTRIBUTE_TRACE_ID));
        putIfPresent(EcsTraceFields.MDC_SPAN_ID, stringAttribute(request, RequestIdFilter.ATTRIBUTE_SPAN_ID));
        putIfPresent(RequestIdFilter.MDC_REQUEST_ID,
                stringAttribute(request, RequestIdFilter.ATTRIBUTE_REQUEST_ID));
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static String stringAttribute(Request request, String name) {
        return request.getAttribute(name) instanceof String value ? value : null;
    }

    @Override
    public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
        this.requestAttributesEnabled = requestAttributesEnabled;
    }

    @Override
    public boolean getRequestAttributesEnabled() {
        return requestAttributesEnabled;
    }
}
