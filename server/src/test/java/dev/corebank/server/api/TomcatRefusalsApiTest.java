package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests that Tomcat refuses before the application sees them are answered with a problem too, each case named on
 * its own so that a regression names itself.
 */
class TomcatRefusalsApiTest extends ApiTestSupport {
    @Test
    void encodedSlashInThePathIsAProblem() {
        assertRefusedWithProblem(raw().send("GET /v1/accounts/a%2Fb HTTP/1.1", auth(), new byte[0]), 400);
    }

    @Test
    void encodedNulInThePathIsAProblem() {
        assertRefusedWithProblem(raw().send("GET /v1/accounts/a%00b HTTP/1.1", auth(), new byte[0]), 400);
    }

    @Test
    void headerOverTheSizeLimitIsAProblem() {
        String header = "X-Padding: " + "a".repeat(64 * 1024) + "\r\n";

        assertRefusedWithProblem(raw().send("GET /v1/accounts HTTP/1.1", auth() + header, new byte[0]), 400);
    }

    @Test
    void requestLineThatIsNotHttpIsAProblem() {
        RawHttp.Response refused = raw().sendBytes("GET /v1/accounts HTTP/9 9\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertRefusedWithProblem(refused, 400);
    }

    @Test
    void badPercentEncodingInThePathIsAProblem() {
        assertRefusedWithProblem(raw().send("GET /v1/accounts/%zz HTTP/1.1", auth(), new byte[0]), 400);
    }

    private RawHttp raw() {
        return new RawHttp(port);
    }

    private static String auth() {
        return "Authorization: Bearer " + ADMIN_KEY + "\r\n";
    }

    /** The same shape as {@link ProblemAssertions#assertProblem}, for a response read from a raw socket. */
    static void assertRefusedWithProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asString()).as(response.toString()).isNotBlank();
        assertThat(problem.path("type").asString()).isEqualTo("urn:corebank:problem:" + problem.path("code")
                .asString());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("traceId").asString()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }
}
