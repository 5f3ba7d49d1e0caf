package dev.corebank.server.projection;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Backpressure from the read model, on the whole application: while the projector cannot advance (another holder of
 * its checkpoint row, as a second server projecting into the same database would be), clients' transfers are taken
 * until the read model is {@code intake-lag-entries-max} entries behind, then held and refused with 503
 * {@code read_model_behind} and {@code Retry-After}, nothing applied; once the projector moves again, the same
 * request is taken. A paused projector holds nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY,
        "corebank.read-model.intake-lag-entries-max=" + ReadModelIntakeTest.LAG_MAX,
        "corebank.read-model.intake-wait-millis-max=300"})
class ReadModelIntakeTest {
    static final int LAG_MAX = 5;
    static final Path DATA = ApiTestSupport.temporaryDirectory();
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    LedgerEngine engine;
    @Autowired
    ProjectionPosition projection;
    @Autowired
    ReactorRuntime reactors;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
    }

    @Test
    void holdsAndRefusesClientsCommandsWhileTheReadModelIsTooFarBehindThenTakesThemAgain() throws Exception {
        ApiClient api = new ApiClient(port);
        UUID payer = fundedAccount(api);
        UUID payee = ApiTestSupport.openCustomerAccount(api, ApiTestSupport.ADMIN_KEY, "USD");
        assertThat(projection.awaitPosition(engine.committedPosition(), CATCH_UP)).isTrue();

        List<UUID> taken = new ArrayList<>();
        List<UUID> refused = new ArrayList<>();
        long heldAt;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT journal_sequence FROM projection_checkpoint WHERE name = ? FOR UPDATE")) {
                lock.setString(1, ProjectionPosition.CHECKPOINT_NAME);
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next()).isTrue();
                }
            }
            heldAt = projection.position();
            // One transfer is one journal entry. The gate looks before the command's own entry is written, so it
            // lets LAG_MAX + 1 of them past the projector, then holds.
            for (int attempt = 0; attempt < LAG_MAX + 10 && refused.size() < 3; attempt++) {
                UUID id = UUID.randomUUID();
                ApiClient.Response answer = api.post("/v1/transfers", ApiTestSupport.ADMIN_KEY,
                        transfer(id, payer, payee));
                if (answer.status() == 201) {
                    taken.add(id);
                } else {
                    assertProblem(answer, 503, "read_model_behind");
                    assertThat(answer.header("Retry-After")).isEqualTo("1");
                    refused.add(id);
                }
            }
            assertThat(projection.position()).isEqualTo(heldAt);
            holder.rollback();
        }

        assertThat(refused).hasSize(3);
        assertThat(taken).hasSizeBetween(1, LAG_MAX + 1);
        // The entries past the projector: the transfers taken, and the audit trail's record of each refusal (the
        // gate never holds a record: the refused request's answer waits for it).
        assertThat(engine.committedPosition() - heldAt).isEqualTo(taken.size() + refused.size());
        for (UUID id : refused) {
            assertThat(api.get("/v1/transfers/" + id, ApiTestSupport.ADMIN_KEY).status()).isEqualTo(404);
        }

        assertThat(projection.awaitPosition(engine.committedPosition(), CATCH_UP)).isTrue();
        ApiClient.Response retried = api.post("/v1/transfers", ApiTestSupport.ADMIN_KEY,
                transfer(refused.getFirst(), payer, payee));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    }

    @Test
    void aPausedProjectorHoldsNothing() throws Exception {
        ApiClient api = new ApiClient(port);
        UUID payer = fundedAccount(api);
        UUID payee = ApiTestSupport.openCustomerAccount(api, ApiTestSupport.ADMIN_KEY, "USD");
        reactors.pause(Projector.NAME);
        try {
            for (int transfer = 0; transfer < LAG_MAX * 3; transfer++) {
                ApiClient.Response answer = api.post("/v1/transfers", ApiTestSupport.ADMIN_KEY,
                        transfer(UUID.randomUUID(), payer, payee));
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            }
            assertThat(engine.committedPosition() - projection.position()).isGreaterThan(LAG_MAX);
            assertThat(reactors.status(Projector.NAME).orElseThrow().state()).isEqualTo(ReactorState.PAUSED);
        } finally {
            reactors.resume(Projector.NAME);
        }
        assertThat(projection.awaitPosition(engine.committedPosition(), CATCH_UP)).isTrue();
    }

    private static UUID fundedAccount(ApiClient api) {
        UUID account = ApiTestSupport.openCustomerAccount(api, ApiTestSupport.ADMIN_KEY, "USD");
        ApiTestSupport.deposit(api, ApiTestSupport.ADMIN_KEY, account, 1_000_000);
        return account;
    }

    private static String transfer(UUID id, UUID debit, UUID credit) {
        return """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":1,"ledger":"USD","code":1101}"""
                .formatted(id, debit, credit);
    }
}
