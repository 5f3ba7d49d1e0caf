package dev.corebank.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BusinessDate;
import dev.corebank.ledger.Fact;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Profile;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.commands.FactKinds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CloudEventsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** CloudEvents 1.0: attribute and extension names are lower-case ASCII letters or digits, 20 at most advised. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final long NOW = 1_764_580_000_123_456_789L;
    private static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID BOB = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final UUID TRANSFER = UUID.fromString("33333333-3333-4333-8333-333333333333");
    private static final TraceId TRACE = TraceId.ofHex("4bf92f3577b34da6a3ce929d0e0e4736");

    private final CloudEvents events = new CloudEvents("/corebank/TESTBANK");

    @Test
    void shouldMapEveryEventKindToItsTypeWithValidAttributes() {
        JournalEntry entry = new JournalEntry(42, NOW, TRACE, everyKind());

        List<CloudEvent> mapped = events.of(entry);

        assertThat(mapped).extracting(CloudEvent::type).containsExactlyElementsOf(CloudEvents.TYPES);
        for (CloudEvent event : mapped) {
            JsonNode structured = JSON.readTree(event.structuredJson());
            assertThat(structured.get("specversion").asString()).isEqualTo("1.0");
            assertThat(structured.get("id").asString()).isEqualTo("42-" + event.index());
            assertThat(structured.get("source").asString()).isEqualTo("/corebank/TESTBANK");
            assertThat(structured.get("type").asString()).matches("dev\\.corebank\\.[a-z-]+\\.[a-z-]+\\.v1");
            assertThat(Instant.parse(structured.get("time").asString())).isNotNull();
            assertThat(structured.get("datacontenttype").asString()).isEqualTo("application/json");
            assertThat(structured.get("corebanksequence").asLong()).isEqualTo(42);
            assertThat(structured.get("corebankentryhash").asString()).isEqualTo(entry.hashHex());
            assertThat(structured.get("traceparent").asString())
                    .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
            assertThat(structured.get("data").isObject()).isTrue();
            structured.propertyNames().forEach(name -> assertThat(name).matches(ATTRIBUTE_NAME));
            assertThat(JSON.readTree(event.data())).isEqualTo(structured.get("data"));
        }
    }

    @Test
    void shouldDescribeATransferCompletelyAndKeyItByBothAccounts() {
        Transfer pending = new Transfer(TRANSFER, ALICE, BOB, 2500, 840, 1001, TransferFlags.PENDING, null, 60,
                "rent \"June\"", NOW);

        CloudEvent event = events.of(new JournalEntry(7, NOW, TRACE, List.of(new LedgerEvent.TransferPending(
                pending))), 0);

        JsonNode data = JSON.readTree(event.data());
        assertThat(data.get("transferId").asString()).isEqualTo(TRANSFER.toString());
        assertThat(data.get("debitAccountId").asString()).isEqualTo(ALICE.toString());
        assertThat(data.get("creditAccountId").asString()).isEqualTo(BOB.toString());
        assertThat(data.get("amount").asLong()).isEqualTo(2500);
        assertThat(data.get("ledger").asString()).isEqualTo("USD");
        assertThat(data.get("ledgerNumber").asInt()).isEqualTo(840);
        assertThat(data.get("flags").get(0).asString()).isEqualTo("PENDING");
        assertThat(data.get("pendingId").isNull()).isTrue();
        assertThat(data.get("timeoutSeconds").asInt()).isEqualTo(60);
        assertThat(data.get("reference").asString()).isEqualTo("rent \"June\"");
        assertThat(event.subject()).isEqualTo(TRANSFER.toString());
        assertThat(event.orderingKeys()).containsExactly(ALICE.toString(), BOB.toString());
        assertThat(event.routingKey()).isEqualTo("transfer.pending.usd");
    }

    @Test
    void shouldGiveTheSameBytesForTheSameEntryEveryTime() {
        JournalEntry entry = new JournalEntry(9, NOW, TRACE, everyKind());

        List<CloudEvent> first = events.of(entry);
        List<CloudEvent> second = new CloudEvents("/corebank/TESTBANK").of(entry);

        assertThat(second).isEqualTo(first);
        for (int index = 0; index < first.size(); index++) {
            assertThat(second.get(index).structuredJson()).isEqualTo(first.get(index).structuredJson());
        }
    }

    @Test
    void shouldGiveEveryEventOfAJournalItsOwnId() {
        Set<String> ids = new HashSet<>();
        for (long sequence = 1; sequence <= 20; sequence++) {
            for (CloudEvent event : events.of(new JournalEntry(sequence, NOW, TRACE, everyKind()))) {
                assertThat(ids.add(event.id())).as("id %s is new", event.id()).isTrue();
            }
        }
        assertThat(ids).hasSize(20 * CloudEvents.TYPES.size());
    }

    @Test
    void shouldPublishAProfileSealedAndNeverInClear() {
        byte[] sealed = "sealed-bytes-not-a-name".getBytes(StandardCharsets.UTF_8);
        LedgerEvent opened = new LedgerEvent.AccountOpened(Account.open(ALICE, 104, AccountType.LIABILITY, 2001,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS), Profile.of(sealed));

        CloudEvent event = events.of(new JournalEntry(3, NOW, TraceId.NONE, List.of(opened)), 0);

        JsonNode data = JSON.readTree(event.data());
        assertThat(data.get("profile").get("sealed").asString())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(sealed));
        assertThat(data.get("ledger").asString()).isEqualTo("MMK");
        assertThat(event.traceparent()).isNull();
        assertThat(JSON.readTree(event.structuredJson()).has("traceparent")).isFalse();
        assertThat(event.routingKey()).isEqualTo("account.opened.mmk");
    }

    @Test
    void shouldEscapeControlCharactersInText() {
        Transfer transfer = new Transfer(TRANSFER, ALICE, BOB, 1, 840, 1, 0, null, 0, "a\u0001b\nc\\", NOW);

        CloudEvent event = events.of(new JournalEntry(1, NOW, TRACE, List.of(new LedgerEvent.TransferPosted(
                transfer))), 0);

        assertThat(JSON.readTree(event.data()).get("reference").asString()).isEqualTo("a\u0001b\nc\\");
    }

    @Test
    void shouldGiveAnOperationCompletedFactItsOwnTypeWithItsJsonAsDetail() {
        byte[] body = "{\"operationId\":\"op-1\",\"state\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

        CloudEvent event = events.of(new JournalEntry(5, NOW, TRACE, List.of(new LedgerEvent.FactRecorded(
                new Fact(FactKinds.OPERATION_COMPLETED, body), NOW))), 0);

        assertThat(event.type()).isEqualTo("dev.corebank.operation.completed.v1");
        JsonNode data = JSON.readTree(event.data());
        assertThat(data.get("name").asString()).isEqualTo("operation-completed");
        assertThat(data.get("detail").get("operationId").asString()).isEqualTo("op-1");
    }

    @Test
    void shouldRefuseASourceThatIsNotAUriReference() {
        assertThatThrownBy(() -> new CloudEvents("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CloudEvents("my bank")).isInstanceOf(IllegalArgumentException.class);
    }

    /** One event of every kind, in the order of {@link CloudEvents#TYPES}. */
    private static List<LedgerEvent> everyKind() {
        Transfer posted = new Transfer(TRANSFER, ALICE, BOB, 100, 840, 1, 0, null, 0, "", NOW);
        Transfer pending = new Transfer(TRANSFER, ALICE, BOB, 100, 840, 1, TransferFlags.PENDING, null, 30, "", NOW);
        Transfer post = new Transfer(UUID.randomUUID(), ALICE, BOB, 100, 840, 1, TransferFlags.POST_PENDING,
                TRANSFER, 0, "", NOW);
        Transfer voided = new Transfer(UUID.randomUUID(), ALICE, BOB, 100, 840, 1, TransferFlags.VOID_PENDING,
                TRANSFER, 0, "", NOW);
        Account account = Account.open(ALICE, 840, AccountType.LIABILITY, 2001, 0);
        return List.of(
                new LedgerEvent.TransferPosted(posted),
                new LedgerEvent.TransferPending(pending),
                new LedgerEvent.PendingPosted(post),
                new LedgerEvent.PendingVoided(voided),
                new LedgerEvent.PendingExpired(TRANSFER, ALICE, BOB, 840, 100, NOW),
                new LedgerEvent.TransferRejected(posted, ResultCode.EXCEEDS_CREDITS, NOW),
                new LedgerEvent.AccountOpened(account),
                new LedgerEvent.AccountFlagsChanged(ALICE, AccountOperation.FREEZE, AccountFlags.FROZEN, NOW),
                new LedgerEvent.AccountFlagsChanged(ALICE, AccountOperation.UNFREEZE, 0, NOW),
                new LedgerEvent.AccountFlagsChanged(ALICE, AccountOperation.CLOSE, AccountFlags.CLOSED, NOW),
                new LedgerEvent.AccountFlagsChanged(ALICE, AccountOperation.MARK_DORMANT, AccountFlags.DORMANT, NOW),
                new LedgerEvent.AccountFlagsChanged(ALICE, AccountOperation.REACTIVATE, 0, NOW),
                new LedgerEvent.AccountRejected(account, ResultCode.EXISTS, NOW),
                new LedgerEvent.AccountChangeRejected(ALICE, AccountOperation.CLOSE, ResultCode.ACCOUNT_NOT_FOUND,
                        NOW),
                new LedgerEvent.ProfileChanged(ALICE, Profile.EMPTY, NOW),
                new LedgerEvent.ProfileChangeRejected(ALICE, ResultCode.ACCOUNT_NOT_FOUND, NOW),
                new LedgerEvent.FactRecorded(new Fact(FactKinds.REQUEST_RECORDED, new byte[] {1, 2}), NOW),
                new LedgerEvent.FactRecorded(new Fact(FactKinds.WEBHOOK_DISABLED,
                        "{\"subscriptionId\":\"s\"}".getBytes(StandardCharsets.UTF_8)), NOW),
                new LedgerEvent.FactRecorded(new Fact(FactKinds.OPERATION_COMPLETED,
                        "{\"operationId\":\"o\"}".getBytes(StandardCharsets.UTF_8)), NOW),
                new LedgerEvent.FactRecorded(new Fact(FactKinds.PAYMENT_COMPLETED,
                        "{\"paymentId\":\"p\"}".getBytes(StandardCharsets.UTF_8)), NOW),
                new LedgerEvent.BusinessDateChanged(new BusinessDate(LocalDate.of(2026, 12, 2), null), NOW),
                new LedgerEvent.BusinessDateChangeRejected(new BusinessDate(LocalDate.of(2026, 12, 4), null),
                        ResultCode.BUSINESS_DATE_NOT_NEXT, NOW),
                new LedgerEvent.OverdraftLimitChanged(ALICE, 50_000, NOW),
                new LedgerEvent.OverdraftLimitRejected(ALICE, -1, ResultCode.ACCOUNT_NOT_FOUND, NOW));
    }
}
