package dev.corebank.server.events;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.BusinessDate;
import dev.corebank.ledger.Fact;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.Profile;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.commands.EngineTime;
import dev.corebank.server.commands.FactKinds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns journal entries into CloudEvents: the one mapping from the journal to the wire, used by every publisher
 * (Kafka, RabbitMQ) and by webhooks. It is a pure function of the entry and the configured source, so a replay from any
 * position gives the same ids with the same bytes. docs/events.md lists every type with a sample.
 *
 * <p>Bodies describe the event completely. A profile is published as the journal holds it, sealed by its customer's
 * key (base64 of the sealed bytes): the bus never carries personal data in clear, an erasure (destroying the key)
 * reaches every copy on every topic, and an event's content never changes after the erasure.
 */
public final class CloudEvents {
    /** Every type this mapper produces, for the docs and their test. */
    public static final List<String> TYPES = List.of(
            type("transfer.posted"), type("transfer.pending"), type("pending.posted"), type("pending.voided"),
            type("pending.expired"), type("transfer.rejected"), type("account.opened"), type("account.frozen"),
            type("account.unfrozen"), type("account.closed"), type("account.dormant"), type("account.reactivated"),
            type("account.rejected"), type("account.change-rejected"), type("profile.changed"),
            type("profile.change-rejected"), type("fact.recorded"), type("webhook.disabled"),
            type("operation.completed"), type("payment.completed"), type("business-date.changed"),
            type("business-date.change-rejected"),
            type("overdraft-limit.changed"), type("overdraft-limit.rejected"));
    /** Facts that have a CloudEvent type of their own; their body is a JSON object, given as {@code detail}. */
    private static final java.util.Map<Integer, String> JSON_FACT_TYPES = java.util.Map.of(
            FactKinds.WEBHOOK_DISABLED, "webhook.disabled",
            FactKinds.OPERATION_COMPLETED, "operation.completed",
            FactKinds.PAYMENT_COMPLETED, "payment.completed");
    static final String NO_LEDGER = "none";
    private static final int BODY_CAPACITY = 512;

    private final String source;

    /** @param source this bank's CloudEvents source, a URI-reference such as {@code /corebank/MMBKMMMY} */
    public CloudEvents(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("source must be a non-empty URI-reference without spaces source="
                    + source);
        }
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** The CloudEvents of one entry, in the entry's order. */
    public List<CloudEvent> of(JournalEntry entry) {
        List<LedgerEvent> events = entry.events();
        List<CloudEvent> result = new ArrayList<>(events.size());
        String hash = entry.hashHex();
        String traceparent = traceparent(entry);
        for (int index = 0; index < events.size(); index++) {
            result.add(of(entry, index, hash, traceparent));
        }
        return result;
    }

    /** The CloudEvent of the event at {@code index} in {@code entry}. */
    public CloudEvent of(JournalEntry entry, int index) {
        return of(entry, index, entry.hashHex(), traceparent(entry));
    }

    private CloudEvent of(JournalEntry entry, int index, String hash, String traceparent) {
        long sequence = entry.sequence();
        LedgerEvent event = entry.events().get(index);
        Body body = body(event, entry.valueDate());
        return new CloudEvent(CloudEvent.idOf(sequence, index), source, type(body.shortType), body.subject,
                event.timestamp(), sequence, index, hash, traceparent, body.orderingKeys, body.ledger,
                body.json.bytes());
    }

    private record Body(String shortType, String subject, List<String> orderingKeys, String ledger, JsonText json) {
    }

    /** @param valueDate the business date the entry's postings are booked on; null before there was one */
    private static Body body(LedgerEvent event, LocalDate valueDate) {
        JsonText json = new JsonText(BODY_CAPACITY).beginObject();
        return switch (event) {
            case LedgerEvent.TransferPosted posted -> transfer("transfer.posted", posted.transfer(), valueDate, json);
            case LedgerEvent.TransferPending pending -> transfer("transfer.pending", pending.transfer(), valueDate,
                    json);
            case LedgerEvent.PendingPosted posted -> transfer("pending.posted", posted.transfer(), valueDate, json);
            case LedgerEvent.PendingVoided voided -> transfer("pending.voided", voided.transfer(), valueDate, json);
            case LedgerEvent.TransferRejected rejected -> {
                json.field("result", rejected.result().wireName());
                yield transfer("transfer.rejected", rejected.attempted(), valueDate, json.field("rejectedAt",
                        instant(rejected.timestamp())));
            }
            case LedgerEvent.PendingExpired expired -> {
                json.field("pendingId", expired.pendingId())
                        .field("debitAccountId", expired.debitAccountId())
                        .field("creditAccountId", expired.creditAccountId())
                        .field("amount", expired.amount());
                ledger(json, expired.ledger()).field("timestamp", instant(expired.timestamp())).endObject();
                yield new Body("pending.expired", expired.pendingId().toString(),
                        accounts(expired.debitAccountId(), expired.creditAccountId()), ledgerWord(expired.ledger()),
                        json);
            }
            case LedgerEvent.AccountOpened opened -> {
                account(opened.account(), json);
                profile(json, opened.profile()).endObject();
                yield accountBody("account.opened", opened.account().id(), opened.account().ledger(), json);
            }
            case LedgerEvent.AccountFlagsChanged changed -> {
                json.field("accountId", changed.accountId())
                        .field("operation", changed.operation().name())
                        .field("flags", AccountFlags.names(changed.flags()))
                        .field("timestamp", instant(changed.timestamp())).endObject();
                yield new Body("account." + switch (changed.operation()) {
                    case FREEZE -> "frozen";
                    case UNFREEZE -> "unfrozen";
                    case CLOSE -> "closed";
                    case MARK_DORMANT -> "dormant";
                    case REACTIVATE -> "reactivated";
                }, changed.accountId().toString(), List.of(changed.accountId().toString()), NO_LEDGER, json);
            }
            case LedgerEvent.AccountRejected rejected -> {
                json.field("result", rejected.result().wireName());
                account(rejected.attempted(), json).field("rejectedAt", instant(rejected.timestamp())).endObject();
                yield accountBody("account.rejected", rejected.attempted().id(), rejected.attempted().ledger(), json);
            }
            case LedgerEvent.AccountChangeRejected rejected -> {
                json.field("accountId", rejected.accountId())
                        .field("operation", rejected.operation().name())
                        .field("result", rejected.result().wireName())
                        .field("timestamp", instant(rejected.timestamp())).endObject();
                yield new Body("account.change-rejected", rejected.accountId().toString(),
                        List.of(rejected.accountId().toString()), NO_LEDGER, json);
            }
            case LedgerEvent.ProfileChanged changed -> {
                json.field("accountId", changed.accountId());
                profile(json, changed.profile()).field("timestamp", instant(changed.timestamp())).endObject();
                yield new Body("profile.changed", changed.accountId().toString(),
                        List.of(changed.accountId().toString()), NO_LEDGER, json);
            }
            case LedgerEvent.ProfileChangeRejected rejected -> {
                json.field("accountId", rejected.accountId())
                        .field("result", rejected.result().wireName())
                        .field("timestamp", instant(rejected.timestamp())).endObject();
                yield new Body("profile.change-rejected", rejected.accountId().toString(),
                        List.of(rejected.accountId().toString()), NO_LEDGER, json);
            }
            case LedgerEvent.FactRecorded recorded when isJsonFact(recorded.fact()) -> {
                Fact fact = recorded.fact();
                json.field("kind", fact.kind())
                        .field("name", FactKinds.nameOf(fact.kind()))
                        .rawField("detail", new String(fact.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .field("timestamp", instant(recorded.timestamp())).endObject();
                yield new Body(JSON_FACT_TYPES.get(fact.kind()), null, List.of(), NO_LEDGER, json);
            }
            case LedgerEvent.FactRecorded recorded -> {
                Fact fact = recorded.fact();
                json.field("kind", fact.kind())
                        .field("name", FactKinds.nameOf(fact.kind()))
                        .base64Field("body", fact.body())
                        .field("timestamp", instant(recorded.timestamp())).endObject();
                yield new Body("fact.recorded", null, List.of(), NO_LEDGER, json);
            }
            case LedgerEvent.BusinessDateChanged changed -> {
                businessDate(json, changed.businessDate()).field("timestamp", instant(changed.timestamp()))
                        .endObject();
                yield new Body("business-date.changed", null, List.of(), NO_LEDGER, json);
            }
            case LedgerEvent.BusinessDateChangeRejected rejected -> {
                json.field("result", rejected.result().wireName());
                businessDate(json, rejected.asked()).field("timestamp", instant(rejected.timestamp())).endObject();
                yield new Body("business-date.change-rejected", null, List.of(), NO_LEDGER, json);
            }
            case LedgerEvent.OverdraftLimitChanged changed -> {
                json.field("accountId", changed.accountId())
                        .field("limitMinor", changed.limitMinor())
                        .field("timestamp", instant(changed.timestamp())).endObject();
                yield new Body("overdraft-limit.changed", changed.accountId().toString(),
                        List.of(changed.accountId().toString()), NO_LEDGER, json);
            }
            case LedgerEvent.OverdraftLimitRejected rejected -> {
                json.field("accountId", rejected.accountId())
                        .field("limitMinor", rejected.limitMinor())
                        .field("result", rejected.result().wireName())
                        .field("timestamp", instant(rejected.timestamp())).endObject();
                yield new Body("overdraft-limit.rejected", rejected.accountId().toString(),
                        List.of(rejected.accountId().toString()), NO_LEDGER, json);
            }
        };
    }

    /**
     * Whether the fact has a type of its own and its body is a JSON object. The server writes those bodies; one that
     * is not an object (never expected) is published as a plain {@code fact.recorded}, with its bytes in base64.
     */
    private static boolean isJsonFact(Fact fact) {
        byte[] body = fact.body();
        return JSON_FACT_TYPES.containsKey(fact.kind()) && body.length >= 2 && body[0] == '{'
                && body[body.length - 1] == '}';
    }

    private static JsonText businessDate(JsonText json, BusinessDate date) {
        return json.field("current", date.current() == null ? null : date.current().toString())
                .field("closing", date.closing() == null ? null : date.closing().toString());
    }

    private static Body transfer(String shortType, Transfer transfer, LocalDate valueDate, JsonText json) {
        json.field("transferId", transfer.id())
                .field("debitAccountId", transfer.debitAccountId())
                .field("creditAccountId", transfer.creditAccountId())
                .field("amount", transfer.amount());
        ledger(json, transfer.ledger())
                .field("code", transfer.code())
                .field("flags", TransferFlags.names(transfer.flags()))
                .field("pendingId", zeroAsNull(transfer.pendingId()))
                .field("timeoutSeconds", transfer.timeoutSeconds())
                .field("reference", transfer.reference())
                .field("valueDate", valueDate == null ? null : valueDate.toString())
                .field("timestamp", instant(transfer.timestamp()))
                .endObject();
        return new Body(shortType, transfer.id().toString(),
                accounts(transfer.debitAccountId(), transfer.creditAccountId()), ledgerWord(transfer.ledger()), json);
    }

    private static JsonText account(Account account, JsonText json) {
        json.field("accountId", account.id());
        return ledger(json, account.ledger())
                .field("type", account.type().name())
                .field("code", account.code())
                .field("flags", AccountFlags.names(account.flags()))
                .field("timestamp", instant(account.timestamp()));
    }

    private static Body accountBody(String shortType, UUID accountId, int ledger, JsonText json) {
        return new Body(shortType, accountId.toString(), List.of(accountId.toString()), ledgerWord(ledger), json);
    }

    private static JsonText ledger(JsonText json, int ledger) {
        return json.field("ledger", Ledgers.findAlphabeticCode(ledger).orElse(null)).field("ledgerNumber", ledger);
    }

    /** The profile as sealed in the journal: null when there is none. */
    private static JsonText profile(JsonText json, Profile profile) {
        if (profile.isEmpty()) {
            return json.rawField("profile", "null");
        }
        return json.objectField("profile").base64Field("sealed", profile.bytes()).endObject();
    }

    private static List<String> accounts(UUID debit, UUID credit) {
        List<String> keys = new ArrayList<>(2);
        for (UUID id : new UUID[] {debit, credit}) {
            if (!isZero(id) && !keys.contains(id.toString())) {
                keys.add(id.toString());
            }
        }
        return keys;
    }

    static String ledgerWord(int ledger) {
        return Ledgers.findAlphabeticCode(ledger).map(code -> code.toLowerCase(Locale.ROOT))
                .orElse(Integer.toString(ledger));
    }

    private static String type(String shortType) {
        return CloudEvent.TYPE_PREFIX + shortType + CloudEvent.TYPE_SUFFIX;
    }

    private static String instant(long epochNanos) {
        return EngineTime.instant(epochNanos).toString();
    }

    private static UUID zeroAsNull(UUID id) {
        return isZero(id) ? null : id;
    }

    private static boolean isZero(UUID id) {
        return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0;
    }

    /**
     * The W3C traceparent of the request that caused the entry, or null without one. The journal keeps the trace id,
     * not the span, so the parent id is taken from the entry's hash: the same for every reading of the entry.
     */
    private static String traceparent(JournalEntry entry) {
        TraceId traceId = entry.traceId();
        if (traceId.isNone()) {
            return null;
        }
        String parent = entry.hashHex().substring(0, 16);
        if (parent.equals("0000000000000000")) {
            parent = "0000000000000001";
        }
        return "00-" + traceId.toHex() + "-" + parent + "-01";
    }
}
