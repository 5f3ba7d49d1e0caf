package dev.corebank.server.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Waits on the reactor runtime as an operator would read it: GET /v1/admin/reactors. */
final class Reactors {
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(90);

    private Reactors() {
    }

    /** Until every reactor's checkpoint has reached the journal's committed position; returns that position. */
    static long awaitEveryReactorCaughtUp(ApiClient api, String adminKey) {
        long[] position = new long[1];
        await().atMost(CATCH_UP_MAX).pollInterval(Duration.ofMillis(100)).until(() -> {
            ApiClient.Response listed = api.get("/v1/admin/reactors", adminKey);
            if (listed.status() != 200) {
                return false;
            }
            JsonNode reactors = listed.json();
            if (reactors.isEmpty()) {
                return false;
            }
            for (JsonNode reactor : reactors) {
                if (reactor.path("position").asLong() < reactor.path("journalPosition").asLong()) {
                    return false;
                }
            }
            position[0] = reactors.get(0).path("journalPosition").asLong();
            return true;
        });
        return position[0];
    }
}
