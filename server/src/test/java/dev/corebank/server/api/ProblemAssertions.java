package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** The shape every corebank error must have. */
public final class ProblemAssertions {
    private ProblemAssertions() {
    }

    /** Every error is problem+json with type, title, status, detail, code and traceId, and never a stack trace. */
    public static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asString()).as(response.toString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:corebank:problem:" + code);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("traceId").asString()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace\"");
    }
}
