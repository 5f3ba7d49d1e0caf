package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ten thousand malformed requests, generated from the server's own OpenAPI document, on a real port: none may be
 * answered with a 5xx or accepted, every answer is a problem with a code and a trace id, and the ledger's state is
 * unchanged afterwards (only the audit facts of refused requests are journaled). The seed is in every failure;
 * replay a run with {@code -Dcorebank.seed=<seed>}.
 */
class FuzzApiTest extends ApiTestSupport {
    static final long DEFAULT_SEED = 20261201L;
    static final int REQUESTS = 10_000;
    private static final Duration RUN_TIME_MAX = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();

    @Test
    void malformedRequestsAreRefusedWithProblemsAndChangeNothing() throws Exception {
        // A fixed default seed, as the ledger's seeded tests have, so every run checks the same requests; run with
        // -Dcorebank.seed=random for a fresh one.
        String given = System.getProperty("corebank.seed", Long.toString(DEFAULT_SEED));
        long seed = given.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(given);
        FuzzRequests requests = new FuzzRequests(new SplittableRandom(seed), readApiDocs(), ADMIN_KEY);
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);
        long deadline = System.nanoTime() + RUN_TIME_MAX.toNanos();
        RawHttp raw = new RawHttp(port);

        int sent = 0;
        for (; sent < REQUESTS && System.nanoTime() < deadline; sent++) {
            FuzzRequests.Request request = requests.next();
            String context = "seed=" + seed + " (replay with -Dcorebank.seed=" + seed + ") request=" + sent + " "
                    + request.describe();
            if (request.raw() != null) {
                RawHttp.Response answer = raw.sendBytes(request.raw());
                assertRefusal(context, answer.status(), answer.contentType(), answer.body(), answer.toString());
            } else {
                HttpResponse<String> answer = http.send(request.toHttp(base()), HttpResponse.BodyHandlers.ofString());
                assertRefusal(context, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                        answer.body(), answer.statusCode() + " " + answer.body());
            }
        }

        assertThat(sent).as("requests sent within %s seed=%d", RUN_TIME_MAX, seed).isEqualTo(REQUESTS);
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
    }

    private static void assertRefusal(String context, int status, String contentType, String body, String answer) {
        String what = context + " answer=" + answer;
        assertThat(status).as("a malformed request must be refused with a 4xx: %s", what).isBetween(400, 499);
        assertThat(contentType).as("content type: %s", what).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        String code = problem.path("code").asString();
        assertThat(code).as("code: %s", what).matches("[a-z_]+");
        assertThat(problem.path("type").asString()).as("type: %s", what).isEqualTo("urn:corebank:problem:" + code);
        assertThat(problem.path("status").asInt()).as("status: %s", what).isEqualTo(status);
        assertThat(problem.path("traceId").asString()).as("traceId: %s", what).matches("[0-9a-f]{32}")
                .isNotEqualTo("0".repeat(32));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode readApiDocs() throws IOException, InterruptedException {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        return JSON.readTree(docs.body());
    }
}
