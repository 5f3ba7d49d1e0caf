package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import dev.corebank.server.reactor.ReactorStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhooks reactor after a crash that kept a run's delivery rows but not the move of its checkpoint (what the
 * embedded database did in the kill -9 soak to other tables): at start its check finds deliveries after the
 * checkpoint, and the events after it are queued again without a second delivery of those already sent, instead of
 * the reactor stopping on the rows that are already there.
 */
class WebhooksStartCheckTest extends CallbacksApiTestSupport {
    private static final String PATH = "/ok/start-check";

    @Autowired
    ReactorRuntime reactors;

    @Autowired
    LedgerEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deliveriesKeptWithoutTheirCheckpointAreNotQueuedTwiceAndTheReactorGoesOn() throws Exception {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe(PATH, accounts.payee(), "transfer.*");
        transfer(accounts, 5);
        transfer(accounts, 6);
        await().atMost(WAIT).until(() -> delivered(subscription) == 2);
        long firstSequence = jdbc.queryForObject("SELECT MIN(journal_sequence) FROM webhook_deliveries"
                + " WHERE subscription_id = ?", Long.class, UUID.fromString(subscription.id()));
        long repairsBefore = status().startRepairs();

        reactors.stop();
        try {
            JournalEntry before;
            try (JournalReader reader = engine.openReader()) {
                before = reader.read(firstSequence - 1, 1).getFirst();
            }
            assertThat(jdbc.update("UPDATE reactor_checkpoints SET journal_sequence = ?, entry_timestamp = ?"
                    + " WHERE name = ?", before.sequence(), before.timestamp(), WebhookDeliveries.NAME)).isEqualTo(1);
        } finally {
            reactors.start();
        }

        await().atMost(WAIT).until(() -> status().position() == engine.committedPosition()
                && status().state() == ReactorState.CAUGHT_UP);
        assertThat(status().startRepairs()).isEqualTo(repairsBefore + 1);
        assertThat(status().lastFailure()).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_deliveries WHERE subscription_id = ?",
                Long.class, UUID.fromString(subscription.id()))).as("one delivery per event").isEqualTo(2);
        assertThat(delivered(subscription)).isEqualTo(2);
        assertThat(receiver.receivedAt(PATH)).as("each sent once").hasSize(2);

        // And the reactor queues what comes next.
        transfer(accounts, 7);
        await().atMost(WAIT).until(() -> receiver.receivedAt(PATH).size() == 3);
    }

    private long delivered(Created subscription) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM webhook_deliveries WHERE subscription_id = ?"
                + " AND state = '" + WebhookStore.DELIVERED + "'", Long.class, UUID.fromString(subscription.id()));
    }

    private ReactorStatus status() {
        return reactors.status(WebhookDeliveries.NAME).orElseThrow();
    }
}
