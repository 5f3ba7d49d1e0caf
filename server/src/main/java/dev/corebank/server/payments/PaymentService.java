package dev.corebank.server.payments;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;

/**
 * Accepts outgoing payments: validates the request, checks the limits, journals the request and places the hold, all
 * before the 202. Everything after that is the saga's. A repeat of the same payment id with the same content answers
 * as the first did; with other content it is refused with 409.
 */
final class PaymentService {
    static final int NAME_CHARS_MAX = 70;
    static final int REMITTANCE_CHARS_MAX = 140;
    private static final long RECENT_MILLIS_MAX = 300_000;
    /** Locks by payment id, striped: a request holds its stripe from the check for a repeat until it is journaled. */
    private static final Object[] ACCEPTING = stripes(256);

    private final Commands commands;
    private final PaymentStore store;
    private final PaymentFacts facts;
    private final PaymentsProperties properties;
    private final Clock clock;
    /** Payments journaled by this process that the reactor may not have derived yet: the window a repeat can hit. */
    private final ConcurrentHashMap<UUID, PaymentFacts.Initiated> recent = new ConcurrentHashMap<>();

    PaymentService(Commands commands, PaymentStore store, PaymentFacts facts, PaymentsProperties properties,
                   Clock clock) {
        this.commands = commands;
        this.store = store;
        this.facts = facts;
        this.properties = properties;
        this.clock = clock;
    }

    private static Object[] stripes(int count) {
        Object[] stripes = new Object[count];
        for (int index = 0; index < count; index++) {
            stripes[index] = new Object();
        }
        return stripes;
    }

    /** What POST answers: the payment, and whether it was a repeat. */
    record Accepted(PaymentResponse payment, boolean repeat) {
    }

    Accepted initiate(PaymentRequest body, Provenance provenance) {
        // A malformed request is the caller's mistake whether or not this bank is on the network: 400 first.
        PaymentFacts.Initiated initiated = validate(body, provenance);
        requireEnabled();
        // One payment id is accepted by one request at a time: a concurrent repeat waits until the first is journaled
        // or refused, so it never answers 202 for a payment that is then refused.
        synchronized (ACCEPTING[Math.floorMod(initiated.paymentId().hashCode(), ACCEPTING.length)]) {
            PaymentFacts.Initiated earlier = recent.get(initiated.paymentId());
            Optional<Payment> stored = store.find(initiated.paymentId());
            if (earlier != null || stored.isPresent()) {
                String digest = earlier != null ? earlier.requestDigest() : stored.get().requestDigest();
                if (!digest.equals(initiated.requestDigest())) {
                    throw new ApiException(HttpStatus.CONFLICT, "exists_with_different_fields", "a payment with this"
                            + " id and other content exists id=" + initiated.paymentId());
                }
                return new Accepted(find(initiated.paymentId()).orElseGet(() -> PaymentResponse.accepted(
                        earlier, properties.bankCode())), true);
            }
            checkDebtor(initiated);
            checkLimits(initiated);
            commands.submit(new LedgerCommand.RecordFacts(List.of(facts.initiated(initiated))), provenance);
            recent.put(initiated.paymentId(), initiated);
        }
        forgetOld();
        // The hold is placed here rather than by the saga, so the answer already says whether the funds were there;
        // the saga places the same hold (same id) if this process stops in between.
        Payment shape = new Payment(initiated.paymentId(), Payment.Direction.OUTGOING, initiated.uetr(),
                initiated.endToEndId(), PaymentState.ACCEPTED, null, Iso.stepId(initiated.uetr(), "hold"),
                Ledgers.numericCode(initiated.currency()), initiated.amountMinor(), properties.bankCode(),
                initiated.debtorAccount(), null, initiated.creditorAgent(), initiated.creditorAccount(), null, null,
                initiated.ownerKeyId(), "", "", initiated.acceptedAt(), null, 0, 0, 0, null);
        BatchResult held = commands.submit(LedgerCommand.CreateTransfers.of(List.of(
                PaymentWorkers.holdOf(shape, properties.holdTimeoutSeconds()))), provenance);
        PaymentResponse answer = PaymentResponse.accepted(initiated, properties.bankCode());
        return new Accepted(withHold(answer, held), false);
    }

    private static PaymentResponse withHold(PaymentResponse accepted, BatchResult held) {
        var code = held.code(0);
        boolean placed = code == dev.corebank.ledger.ResultCode.OK || code == dev.corebank.ledger.ResultCode.EXISTS;
        return new PaymentResponse(accepted.id(), accepted.direction(), accepted.uetr(), accepted.endToEndId(),
                placed ? PaymentState.HELD.wireName() : PaymentState.REJECTED.wireName(),
                placed ? null : PaymentAccounts.reasonOf(code), !placed, accepted.amountMinor(), accepted.currency(),
                accepted.debtorAgent(), accepted.debtorAccount(), accepted.creditorAgent(),
                accepted.creditorAccount(), accepted.acceptedAt(), null, 0, accepted.traceId(), List.of());
    }

    Optional<PaymentResponse> find(UUID id) {
        Optional<Payment> payment = store.find(id);
        if (payment.isPresent()) {
            recent.remove(id);
            return Optional.of(PaymentResponse.of(payment.get(), store.steps(id)));
        }
        PaymentFacts.Initiated journaled = recent.get(id);
        return journaled == null ? Optional.empty()
                : Optional.of(PaymentResponse.accepted(journaled, properties.bankCode()));
    }

    Optional<PaymentResponse> findByUetr(String uetr) {
        return store.findByUetr(uetr).map(payment -> PaymentResponse.of(payment, store.steps(payment.id())));
    }

    private void requireEnabled() {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "payments_off", "this bank is not a participant"
                    + " of a payment network: set corebank.payments.bank-code (COREBANK_BANK_CODE) and"
                    + " COREBANK_RABBITMQ_URI");
        }
    }

    private PaymentFacts.Initiated validate(PaymentRequest body, Provenance provenance) {
        Fields.required(body, "body");
        UUID id = Fields.requiredId(body.id(), "id");
        UUID debtor = Fields.requiredId(body.debtorAccountId(), "debtorAccountId");
        String creditorAgent = Fields.required(body.creditorAgent(), "creditorAgent");
        try {
            Iso.requireBankCode(creditorAgent, "creditorAgent");
        } catch (IllegalArgumentException invalid) {
            throw Fields.invalid("creditorAgent", "must be a participant code of 8 or 11 upper-case letters and"
                    + " digits");
        }
        if (creditorAgent.equals(properties.bankCode())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "creditor_agent_is_this_bank", "a payment to an"
                    + " account of this bank is a transfer: POST /v1/transfers creditorAgent=" + creditorAgent);
        }
        String creditorAccount = Fields.required(body.creditorAccount(), "creditorAccount");
        if (creditorAccount.isBlank() || creditorAccount.length() > 64) {
            throw Fields.invalid("creditorAccount", "must be 1 to 64 characters");
        }
        long amount = Fields.amount(body.amountMinor(), 1, "amountMinor");
        Fields.ledger(body.currency(), "currency");
        String endToEndId = body.endToEndId() == null ? id.toString().replace("-", "") : body.endToEndId();
        try {
            Iso.requireId(endToEndId, "endToEndId");
        } catch (IllegalArgumentException invalid) {
            throw Fields.invalid("endToEndId", "must be 1 to 35 characters of the ISO 20022 set");
        }
        String debtorName = chars(body.debtorName(), NAME_CHARS_MAX, "debtorName");
        String creditorName = chars(body.creditorName(), NAME_CHARS_MAX, "creditorName");
        String remittance = chars(body.remittance(), REMITTANCE_CHARS_MAX, "remittance");
        LocalDate businessDate = commands.businessDate().current();
        String digest = digest(id, debtor, debtorName, creditorAgent, creditorAccount, creditorName, amount,
                body.currency(), remittance, endToEndId);
        return new PaymentFacts.Initiated(PaymentFacts.FORMAT, id, Iso.uetrOf(id), endToEndId, debtor.toString(),
                debtorName, creditorAgent, creditorAccount, creditorName, amount, body.currency(), remittance,
                provenance.apiKeyId(), digest, clock.millis(), businessDate == null ? null : businessDate.toString());
    }

    private void checkDebtor(PaymentFacts.Initiated initiated) {
        List<Account> found = commands.ledgerAccounts(List.of(UUID.fromString(initiated.debtorAccount())));
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "account_not_found", "no debtor account with"
                    + " this id debtorAccountId=" + initiated.debtorAccount());
        }
        if (found.getFirst().ledger() != Ledgers.numericCode(initiated.currency())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "ledger_mismatch", "the debtor account is in"
                    + " another currency currency=" + initiated.currency() + " accountCurrency="
                    + Ledgers.alphabeticCode(found.getFirst().ledger()));
        }
    }

    /**
     * The per-transaction and per-day limits of the currency. The day's total counts the payments the reactor has
     * derived; payments accepted within its lag (milliseconds) are not yet in it (docs/payments.md).
     */
    private void checkLimits(PaymentFacts.Initiated initiated) {
        PaymentsProperties.Limit limit = properties.limit(initiated.currency());
        if (limit.perTransactionMinor() > 0 && initiated.amountMinor() > limit.perTransactionMinor()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "limit_exceeded", "over the per-transaction"
                    + " limit amountMinor=" + initiated.amountMinor() + " limitMinor=" + limit.perTransactionMinor()
                    + " currency=" + initiated.currency());
        }
        if (limit.perDayMinor() > 0 && initiated.businessDate() != null) {
            long today = store.dailyTotalMinor(initiated.debtorAccount(), LocalDate.parse(initiated.businessDate()));
            if (Math.addExact(today, initiated.amountMinor()) > limit.perDayMinor()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "limit_exceeded", "over the daily limit"
                        + " of the debtor account amountMinor=" + initiated.amountMinor() + " todayMinor=" + today
                        + " limitMinor=" + limit.perDayMinor() + " currency=" + initiated.currency());
            }
        }
    }

    private void forgetOld() {
        if (recent.size() < 10_000) {
            return;
        }
        long oldest = clock.millis() - RECENT_MILLIS_MAX;
        recent.values().removeIf(initiated -> initiated.acceptedAt() < oldest);
    }

    private static String chars(String value, int charsMax, String field) {
        if (value != null && value.length() > charsMax) {
            throw Fields.invalid(field, "is longer than " + charsMax + " characters");
        }
        return value;
    }

    private static String digest(Object... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : fields) {
                sha.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", impossible);
        }
    }
}
