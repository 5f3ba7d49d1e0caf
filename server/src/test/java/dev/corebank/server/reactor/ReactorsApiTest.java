package dev.corebank.server.reactor;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/admin/reactors} on the whole application: what it reports, what it changes, and who may use it. */
class ReactorsApiTest extends ApiTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVENT_LOG = "/v1/admin/reactors/business-event-log";

    @Test
    void listsEveryReactorWithItsPositionLagAndState() {
        deposit(openCustomerAccount("USD"), 100);
        long committed = engine.committedPosition();
        await().atMost(WAIT).until(() -> reactor("projection").path("position").asLong() >= committed);

        ApiClient.Response list = api().get("/v1/admin/reactors", ADMIN_KEY);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().valueStream().map(reactor -> reactor.path("name").asString()))
                .containsExactlyInAnyOrder("projection", "business-event-log", "audit", "api-keys", "profiles",
                        "webhooks", "day-book");
        JsonNode projection = reactor("projection");
        assertThat(projection.path("checkpointMode").asString()).isEqualTo("ATOMIC");
        assertThat(projection.path("failurePolicy").asString()).isEqualTo("STOP");
        assertThat(projection.path("requiredForReadiness").asBoolean()).isTrue();
        assertThat(projection.path("rewindable").asBoolean()).isFalse();
        assertThat(projection.path("runs").asLong()).isPositive();
        assertThat(projection.has("lagEntries")).isTrue();
        assertThat(projection.has("lagSeconds")).isTrue();
        assertThat(reactor("business-event-log").path("checkpointMode").asString()).isEqualTo("AFTER_EFFECT");
    }

    @Test
    void pausingTheEventLogRaisesItsLagAndResumingCatchesUp() {
        String operator = keyFor("operator");
        UUID account = openCustomerAccount("USD");
        try {
            ApiClient.Response paused = api().post(EVENT_LOG + "/pause", operator, "");
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
            await().atMost(WAIT).until(() -> "PAUSED".equals(reactor("business-event-log").path("state").asString()));
            long pausedAt = reactor("business-event-log").path("position").asLong();
            deposit(account, 100);
            await().atMost(WAIT).until(() -> reactor("business-event-log").path("lagEntries").asLong() > 0);
            assertThat(reactor("business-event-log").path("position").asLong()).isEqualTo(pausedAt);
        } finally {
            ApiClient.Response resumed = api().post(EVENT_LOG + "/resume", operator, "");
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        }
        long committed = engine.committedPosition();
        await().atMost(WAIT).until(() -> reactor("business-event-log").path("position").asLong() >= committed);
    }

    @Test
    void rewindSetsTheCheckpointBackAndTheReactorAppliesTheJournalAgain() {
        deposit(openCustomerAccount("USD"), 100);
        long committed = engine.committedPosition();
        await().atMost(WAIT).until(() -> reactor("business-event-log").path("position").asLong() >= committed);
        long runsBefore = reactor("business-event-log").path("runs").asLong();

        ApiClient.Response rewound = api().post(EVENT_LOG + "/rewind", ADMIN_KEY,
                "{\"position\":" + (committed - 1) + "}");

        assertThat(rewound.status()).as(rewound.toString()).isEqualTo(200);
        await().atMost(WAIT).until(() -> reactor("business-event-log").path("runs").asLong() > runsBefore
                && reactor("business-event-log").path("position").asLong() >= committed);
    }

    @Test
    void refusesARewindOfTheProjectorAndPositionsOutOfRange() {
        assertProblem(api().post("/v1/admin/reactors/projection/rewind", ADMIN_KEY, "{\"position\":0}"), 409,
                "reactor_not_rewindable");
        long position = reactor("business-event-log").path("position").asLong();
        assertProblem(api().post(EVENT_LOG + "/rewind", ADMIN_KEY, "{\"position\":" + (position + 1_000) + "}"), 400,
                "invalid_field");
        assertProblem(api().post(EVENT_LOG + "/rewind", ADMIN_KEY, "{}"), 400, "missing_field");
        assertProblem(api().get("/v1/admin/reactors/no-such-reactor", ADMIN_KEY), 404, "reactor_not_found");
        assertProblem(api().post("/v1/admin/reactors/no-such-reactor/pause", ADMIN_KEY, ""), 404,
                "reactor_not_found");
    }

    @Test
    void onlyOperatorsAndAdminsMayUseIt() {
        for (String role : new String[] {"app", "teller", "auditor"}) {
            String key = keyFor(role);
            assertProblem(api().get("/v1/admin/reactors", key), 403, "role_not_allowed");
            assertProblem(api().post(EVENT_LOG + "/pause", key, ""), 403, "role_not_allowed");
        }
        assertThat(api().get("/v1/admin/reactors", null).status()).isEqualTo(401);
        assertThat(api().get("/v1/admin/reactors/projection", keyFor("operator")).status()).isEqualTo(200);
    }

    private JsonNode reactor(String name) {
        ApiClient.Response read = api().get("/v1/admin/reactors/" + name, ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }
}
