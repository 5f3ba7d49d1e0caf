package dev.corebank.server.web;

import dev.corebank.server.commands.EngineCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.LedgerOverloadedException;
import dev.corebank.ledger.LedgerUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** The engine's failures, which a test cannot cause through a healthy server, each get their own problem. */
class ProblemHandlerTest {
    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/transfers");

    ProblemHandlerTest() {
        TraceIds.assign(request);
    }

    @Test
    void fullEngineQueueIs503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = handler.overloaded(new LedgerOverloadedException(8192), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "ledger_overloaded")
                .containsEntry("traceId", TraceIds.of(request).toHex());
    }

    @Test
    void stoppedEngineIs503WithoutItsCause() {
        ResponseEntity<ProblemDetail> answer = handler.unavailable(new LedgerUnavailableException("stopped",
                new IllegalStateException("journal segment 7 is corrupt")), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "ledger_unavailable");
        assertThat(answer.getBody().getDetail()).doesNotContain("corrupt");
    }

    @Test
    void slowEngineIs503TellingTheCallerToRetryWithTheSameId() {
        ResponseEntity<ProblemDetail> answer = handler.timeout(new EngineCalls.TimeoutException("too slow"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "ledger_timeout");
        assertThat(answer.getBody().getDetail()).contains("same id");
    }

    @Test
    void unexpectedFailureIs500AndKeepsItsMessageToTheLog() {
        ResponseEntity<ProblemDetail> answer = handler.other(new IllegalStateException("secret internals"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "internal_error");
        assertThat(answer.getBody().getDetail()).doesNotContain("secret internals");
    }
}
