package dev.corebank.server.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Profile;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.accounts.ProfileCipher;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.bus.RabbitMessages;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.consumers.aml.AmlAlert;
import dev.corebank.server.consumers.aml.AmlMonitor;
import dev.corebank.server.consumers.notifications.CustomerNotifications;
import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two bank services as roles of the one binary, consuming a real broker: journal events reach them through a test
 * feed in the publisher's wire form, and their effects are checked where they land (the journal, the account, the
 * outbox, the dead-letter API). Each transport runs the same tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.roles=api,aml,notifications",
        "corebank.bootstrap.demo=false",
        "corebank.bootstrap.admin-key=" + BankServicesContract.ADMIN_KEY,
        "corebank.consumers.attempts-max=3",
        "corebank.consumers.backoff-millis-min=10",
        "corebank.consumers.backoff-millis-max=40",
        "corebank.aml.threshold-minor=100000",
        "corebank.aml.structuring-count=3",
        "corebank.aml.structuring-margin-percent=10",
        "corebank.aml.freeze-on=structuring"})
abstract class BankServicesContract {
    static final String ADMIN_KEY = "test-admin-key-consumers-0123456789";
    static final int USD = 840;

    @Autowired
    Commands commands;
    @Autowired
    ProfileCipher cipher;
    @Autowired
    TestBusFeed feed;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Consumers consumers;
    @LocalServerPort
    int port;

    final UUID cash = UUID.randomUUID();
    final UUID alice = UUID.randomUUID();
    final UUID aung = UUID.randomUUID();
    final UUID mallory = UUID.randomUUID();

    /** Whether both consumers are ready to take what is published from now on. */
    abstract boolean consumersReady() throws Exception;

    /** How many messages the transport carries for a posting between two accounts. */
    abstract int copiesOfAPosting();

    @BeforeEach
    void openAccounts() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(this::consumersReady);
        submit(new LedgerCommand.CreateAccounts(List.of(
                Account.open(cash, USD, AccountType.ASSET, 1001, AccountFlags.NONE),
                customer(alice), customer(aung), customer(mallory)), List.of(Profile.EMPTY,
                cipher.seal(alice, "Alice Smith", "C-ALICE", "en"),
                cipher.seal(aung, "Aung Aung", "C-AUNG", "my"),
                cipher.seal(mallory, "Mallory", "C-MALLORY")), false));
    }

    @Test
    void structuringRaisesOneAlertAndFreezesTheAccountAndARedeliveredEventRaisesNoSecondAlert() throws Exception {
        int alertsBefore = feed.alerts().size();
        List<UUID> deposits = new ArrayList<>();
        for (int deposit = 0; deposit < 3; deposit++) {
            deposits.add(transfer(cash, mallory, 95_000));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> frozen(mallory));
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOn(mallory).size() == 1);
        AmlAlert alert = alertsOn(mallory).getFirst();
        assertThat(alert.rule()).isEqualTo("structuring");
        assertThat(alert.accountId()).isEqualTo(mallory);
        assertThat(alert.transferId()).isEqualTo(deposits.getLast());
        assertThat(alert.freeze()).isTrue();
        JournalEntry freeze = feed.entries.stream().filter(entry -> entry.events().stream().anyMatch(event ->
                event instanceof LedgerEvent.AccountFlagsChanged changed && changed.accountId().equals(mallory)))
                .findFirst().orElseThrow();
        assertThat(freeze.provenance().requestId()).isEqualTo(alert.alertId().toString());
        assertThat(freeze.provenance().idempotencyKey()).isEqualTo(alert.alertId().toString());

        ConsumerStats aml = stats(AmlMonitor.NAME);
        long duplicatesBefore = aml.duplicateCount();
        feed.republish(alert.eventId());
        await().atMost(Duration.ofSeconds(20)).until(() -> aml.duplicateCount()
                == duplicatesBefore + copiesOfAPosting());
        // A later posting passes through the same queue after the redelivery, so the monitor has seen both.
        UUID later = transfer(cash, alice, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox(alice).stream().anyMatch(message ->
                message.contains("1.00 USD")));
        await().atMost(Duration.ofSeconds(20)).until(() -> aml.position() >= sequenceOf(later));
        assertThat(alertsOn(mallory)).hasSize(1);
        assertThat(feed.alerts()).as("no other rule fired in this test").hasSize(alertsBefore + 1);
    }

    @Test
    void notifiesEachCustomerOfAPostingInTheirLanguageAndNeverTheBank() {
        transfer(cash, aung, 10_000);
        transfer(aung, alice, 2_500);
        transfer(cash, mallory, 1_234);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox(alice).size() == 1 && outbox(aung).size() == 2
                && outbox(mallory).size() == 1);
        assertThat(outbox(alice)).containsExactly("Alice Smith, 25.00 USD was credited to your account ..."
                + alice.toString().substring(32) + ".");
        assertThat(outbox(aung)).containsExactlyInAnyOrder(
                "Aung Aung ၊ သင့်အကောင့် ..." + aung.toString().substring(32) + " သို့ 100.00 USD လွှဲဝင်ပြီးပါပြီ။",
                "Aung Aung ၊ သင့်အကောင့် ..." + aung.toString().substring(32) + " မှ 25.00 USD နုတ်ယူပြီးပါပြီ။");
        assertThat(outbox(mallory)).singleElement().asString().startsWith("Mallory, 12.34 USD was credited");
        assertThat(jdbc.queryForList("SELECT language FROM notification_outbox WHERE account_id = ?", String.class,
                aung)).containsOnly("my");
        assertThat(outbox(cash)).isEmpty();
    }

    @Test
    void deadLettersAreListedShownAndReplayedOnceThroughTheApi() throws Exception {
        ApiClient api = new ApiClient(port);
        feed.publishRaw("{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> consumers.deadLetters().list(null, null, 500).stream()
                .filter(letter -> letter.reason().equals("malformed")).count() >= 2);
        ApiClient.Response listed = api.get("/v1/admin/dead-letters?consumer=notifications", ADMIN_KEY);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.body()).contains("\"reason\":\"malformed\"").doesNotContain("bodyBase64\":\"");

        // A posting the notifications consumer once gave up on, kept as its dead letter: the replay applies it once.
        UUID posting = transfer(cash, alice, 777);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox(alice).size() == 1);
        jdbc.update("DELETE FROM notification_outbox WHERE account_id = ?", alice);
        CloudEvent event = feed.published.values().stream().filter(published -> posting.toString()
                .equals(published.subject())).findFirst().orElseThrow();
        Delivery delivery = new Delivery("test-stream", EventWire.fromAmqp(RabbitMessages.properties(event).getHeaders()),
                CloudEvent.DATA_CONTENT_TYPE, event.data(), 0, null, 0, 1, "test");
        DeadLetter letter = new DeadLetter(ConsumerPipeline.letterId(CustomerNotifications.NAME, delivery,
                event.id()), CustomerNotifications.NAME, "test", delivery.stream(), "test", event.id(),
                event.type(), delivery.attributes(), delivery.contentType(), delivery.body(), 0, null, "handler-failed",
                "the outbox was down", 3, Instant.now(), DeadLetter.DEAD, null);
        assertThat(consumers.deadLetters().add(letter)).isTrue();

        ApiClient.Response shown = api.get("/v1/admin/dead-letters/" + letter.letterId(), ADMIN_KEY);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("eventId")).isEqualTo(event.id());
        assertThat(shown.text("bodyText")).isEqualTo(event.dataText());
        ApiClient.Response replayed = api.post("/v1/admin/dead-letters/" + letter.letterId() + "/replay", ADMIN_KEY,
                "");
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.text("result")).isEqualTo("applied");
        assertThat(outbox(alice)).hasSize(1);
        ApiClient.Response again = api.post("/v1/admin/dead-letters/" + letter.letterId() + "/replay", ADMIN_KEY,
                "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("dead_letter_already_replayed");
        assertThat(outbox(alice)).hasSize(1);

        DeadLetter malformed = consumers.deadLetters().list(CustomerNotifications.NAME, DeadLetter.DEAD, 10).stream()
                .filter(kept -> kept.reason().equals("malformed")).findFirst().orElseThrow();
        ApiClient.Response refused = api.post("/v1/admin/dead-letters/" + malformed.letterId() + "/replay",
                ADMIN_KEY, "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("dead_letter_replay_failed");
        assertThat(api.get("/v1/admin/dead-letters/" + UUID.randomUUID(), ADMIN_KEY).status()).isEqualTo(404);
        ApiClient.Response notAnId = api.post("/v1/admin/dead-letters/null/replay", ADMIN_KEY, "");
        assertThat(notAnId.status()).as(notAnId.toString()).isEqualTo(400);
        assertThat(api.get("/v1/admin/dead-letters?limit=0", ADMIN_KEY).status()).isEqualTo(400);
        assertThat(api.get("/v1/admin/dead-letters?limit=many", ADMIN_KEY).status()).isEqualTo(400);
    }

    private List<AmlAlert> alertsOn(UUID account) {
        return feed.alerts().stream().map(fact -> AmlAlert.fromJson(fact.fact().body()))
                .filter(alert -> alert.accountId().equals(account)).toList();
    }

    private ConsumerStats stats(String consumer) {
        return consumers.stats().stream().filter(stats -> stats.consumer().equals(consumer)).findFirst()
                .orElseThrow();
    }

    private long sequenceOf(UUID transferId) {
        return feed.published.values().stream().filter(event -> transferId.toString().equals(event.subject()))
                .mapToLong(CloudEvent::sequence).findFirst().orElse(Long.MAX_VALUE);
    }

    private List<String> outbox(UUID account) {
        return jdbc.queryForList("SELECT message FROM notification_outbox WHERE account_id = ? ORDER BY event_id",
                String.class, account);
    }

    private boolean frozen(UUID account) {
        return commands.ledgerAccounts(List.of(account)).getFirst().hasFlag(AccountFlags.FROZEN);
    }

    private UUID transfer(UUID debit, UUID credit, long amount) {
        UUID id = UUID.randomUUID();
        submit(LedgerCommand.CreateTransfers.of(List.of(Transfer.of(id, debit, credit, amount, USD, 1))));
        return id;
    }

    private void submit(LedgerCommand command) {
        assertThat(commands.submit(command, Commands.system("consumers test", TraceId.NONE)).journaled()).isTrue();
    }

    private static Account customer(UUID id) {
        return Account.open(id, USD, AccountType.LIABILITY, 2001, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-consumers");
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
