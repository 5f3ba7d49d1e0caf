package dev.corebank.server.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as a problem: requests Tomcat refuses before the application sees them (an encoded slash or
 * {@code %00} in the URL, an oversized header, a bad request line) are answered with problem+json, with a stable code
 * and a trace id, instead of Tomcat's HTML page. It replaces Tomcat's {@link ErrorReportValve} on the host.
 */
public final class ProblemReportValve extends ErrorReportValve {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemReportValve.class);

    private final ProblemWriter writer;

    ProblemReportValve(ProblemWriter writer) {
        this.writer = writer;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        // Only an error with nothing written yet is reported, and only once (the servlet's error page may have run).
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(statusCode);
        HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        TraceIds.assign(request);
        if (throwable != null || status.is5xxServerError()) {
            LOG.error("request failed in the container traceId={} status={}", TraceIds.of(request), statusCode,
                    throwable);
        }
        String detail = status.is5xxServerError() ? "the request failed; quote the traceId when reporting it"
                : "the request was refused before it reached the API: " + status.getReasonPhrase();
        try {
            writer.write(request, response, status, Problems.codeForStatus(status.value()), detail);
            response.finishResponse();
        } catch (IOException | RuntimeException failed) {
            LOG.debug("cannot write the problem traceId={}", TraceIds.of(request), failed);
        }
    }
}
