package dev.corebank.server.payments;

import dev.corebank.ledger.Fact;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.SchemeTimings;
import dev.corebank.server.payments.iso.StatusReport;
import dev.corebank.server.reactor.TableReactor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga's state machine: the rows of the reactor {@code payments}. It reads the payment facts and the holds'
 * transfer events in journal order and writes each payment's state, its steps and its next actions in the reactor's
 * transaction. It decides; it never acts: the {@link PaymentWorkers} carry the actions out, and what they do comes back
 * through the journal. docs/payments.md has the same table as a diagram.
 *
 * <pre>
 * journal shows                         in state                    becomes      next action
 * payment-initiated                     (none)                      ACCEPTED     HOLD (after a grace: the request holds)
 * hold placed (transfer.pending)        ACCEPTED                    HELD         SEND
 * hold refused (transfer.rejected)      ACCEPTED                    REJECTED     NOTIFY (reason from the result)
 * step pacs.008-sent                    HELD                        SENT         CHECK at acceptance + final answer
 * step pacs.002-received ACSC           HELD, SENT                  SETTLING     POST
 * step pacs.002-received RJCT           HELD, SENT                  VOIDING      VOID
 * step pacs.002-received RJCT           EXCEPTION (hold expired)    REJECTED     NOTIFY
 * step pacs.028-sent                    any open                    (same)       CHECK again after status-request-millis
 * hold posted (pending.posted)          SETTLING                    SETTLED      NOTIFY (outgoing)
 * hold voided, or void found no hold    VOIDING                     REJECTED     NOTIFY (outgoing)
 * hold expired (pending.expired)        VOIDING                     REJECTED     NOTIFY
 * hold expired, or post refused         HELD, SENT, SETTLING, ...   EXCEPTION    CHECK (an operator settles it)
 * step pacs.008-received                (none)                      RECEIVED     CREDIT
 * step pacs.008-received (a repeat)     answered                    (same)       REPLY (the stored answer again)
 * step rejected (beneficiary refused)   RECEIVED                    REJECTED     REPLY
 * credit held (transfer.pending)        RECEIVED                    CREDITED     REPLY (ACSC)
 * credit held                           VOIDING, REJECTED           VOIDING      VOID (a late credit is undone)
 * step pacs.002-sent                    CREDITED                    (same)       CHECK at acceptance + legal maximum
 * step pacs.002-received ACSC           CREDITED                    SETTLING     POST
 * step pacs.002-received RJCT           RECEIVED, CREDITED          VOIDING      VOID
 * payment-completed                     any                         (same)       (NOTIFY done)
 * anything else                                                     (same)       (a step is kept, nothing else)
 * </pre>
 */
final class PaymentProjection implements TableReactor.Rows {
    static final String STEP_PACS008_SENT = "pacs.008-sent";
    static final String STEP_PACS008_RECEIVED = "pacs.008-received";
    static final String STEP_PACS002_SENT = "pacs.002-sent";
    static final String STEP_PACS002_RECEIVED = "pacs.002-received";
    static final String STEP_PACS028_SENT = "pacs.028-sent";
    static final String STEP_REJECTED = "rejected";
    /** How long the reactor waits for the request's own hold before it places it itself. */
    static final long HOLD_GRACE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProjection.class);

    private final PaymentStore store;
    private final PaymentFacts facts;
    private final PaymentAccounts accounts;
    private final SchemeTimings timings;
    private final long statusRequestMillis;
    private final String bankCode;
    private final JsonMapper json;
    private final Runnable wake;
    private final PaymentMeters meters;
    private final AtomicLong applied = new AtomicLong(-1);

    PaymentProjection(PaymentStore store, PaymentFacts facts, PaymentAccounts accounts, PaymentsProperties properties,
                      JsonMapper json, PaymentMeters meters, Runnable wake) {
        this.store = store;
        this.facts = facts;
        this.accounts = accounts;
        this.timings = properties.timings();
        this.statusRequestMillis = properties.statusRequestMillis();
        this.bankCode = properties.bankCode();
        this.json = json;
        this.wake = wake;
        this.meters = meters;
    }

    /** The last journal position applied by this process, -1 before the first run. */
    long appliedPosition() {
        return applied.get();
    }

    @Override
    public boolean concerns(JournalEntry entry) {
        for (LedgerEvent event : entry.events()) {
            if (concerns(event)) {
                return true;
            }
        }
        return false;
    }

    private boolean concerns(LedgerEvent event) {
        return switch (event) {
            case LedgerEvent.FactRecorded recorded -> recorded.fact().kind() >= FactKinds.PAYMENT_INITIATED
                    && recorded.fact().kind() <= FactKinds.PAYMENT_COMPLETED;
            case LedgerEvent.TransferPending pending -> touches(pending.transfer());
            case LedgerEvent.PendingPosted posted -> touches(posted.transfer());
            case LedgerEvent.PendingVoided voided -> touches(voided.transfer());
            case LedgerEvent.PendingExpired expired -> accounts.touches(expired.debitAccountId(),
                    expired.creditAccountId());
            case LedgerEvent.TransferRejected rejected -> touches(rejected.attempted());
            default -> false;
        };
    }

    private boolean touches(Transfer transfer) {
        return accounts.touches(transfer.debitAccountId(), transfer.creditAccountId());
    }

    @Override
    public void apply(List<JournalEntry> run) {
        boolean changed = false;
        for (JournalEntry entry : run) {
            List<LedgerEvent> events = entry.events();
            for (int index = 0; index < events.size(); index++) {
                if (concerns(events.get(index))) {
                    changed |= apply(new At(entry.sequence(), index, entry.timestamp() / 1_000_000,
                            entry.traceId().isNone() ? "" : entry.traceId().toHex()), events.get(index));
                }
            }
        }
        long last = run.getLast().sequence();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            boolean wakeWorkers = changed;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    applied.accumulateAndGet(last, Math::max);
                    if (wakeWorkers) {
                        wake.run();
                    }
                }
            });
        } else {
            applied.accumulateAndGet(last, Math::max);
            wake.run();
        }
    }

    /** Where an event is: its journal position, index, time (epoch milliseconds) and trace. */
    record At(long position, int index, long millis, String traceId) {
    }

    private boolean apply(At at, LedgerEvent event) {
        return switch (event) {
            case LedgerEvent.FactRecorded recorded -> fact(at, recorded.fact());
            case LedgerEvent.TransferPending pending -> byHold(pending.transfer().id())
                    .map(payment -> holdPlaced(at, payment)).orElse(false);
            case LedgerEvent.PendingPosted posted -> byHold(posted.transfer().pendingId())
                    .map(payment -> holdPosted(at, payment)).orElse(false);
            case LedgerEvent.PendingVoided voided -> byHold(voided.transfer().pendingId())
                    .map(payment -> holdVoided(at, payment, "hold voided")).orElse(false);
            case LedgerEvent.PendingExpired expired -> byHold(expired.pendingId())
                    .map(payment -> holdExpired(at, payment)).orElse(false);
            case LedgerEvent.TransferRejected rejected -> refused(at, rejected.attempted(), rejected.result());
            default -> false;
        };
    }

    private Optional<Payment> byHold(UUID holdId) {
        return store.findByHold(holdId);
    }

    private boolean fact(At at, Fact fact) {
        return switch (fact.kind()) {
            case FactKinds.PAYMENT_INITIATED -> initiated(at, facts.readInitiated(fact));
            case FactKinds.PAYMENT_STEP -> step(at, facts.readStep(fact));
            case FactKinds.PAYMENT_COMPLETED -> completed(at, facts.readCompleted(fact));
            default -> false;
        };
    }

    private boolean initiated(At at, PaymentFacts.Initiated request) {
        Optional<Payment> existing = store.find(request.paymentId());
        if (existing.isPresent()) {
            step(at, existing.get(), "request-repeated", request.requestDigest().equals(
                    existing.get().requestDigest()) ? "the same request again" : "a different request, ignored");
            return false;
        }
        int ledger = dev.corebank.ledger.Ledgers.numericCode(request.currency());
        Payment payment = new Payment(request.paymentId(), Payment.Direction.OUTGOING, request.uetr(),
                request.endToEndId(), PaymentState.ACCEPTED, null, Iso.stepId(request.uetr(), "hold"), ledger,
                request.amountMinor(), bankCode, request.debtorAccount(), request.debtorName(), request.creditorAgent(),
                request.creditorAccount(), request.creditorName(), request.remittance(), request.ownerKeyId(),
                at.traceId(), request.requestDigest(), request.acceptedAt(),
                request.businessDate() == null ? null : java.time.LocalDate.parse(request.businessDate()), 0,
                at.position(), at.millis(), null);
        store.insert(payment);
        step(at, payment, "accepted", "amountMinor=" + request.amountMinor() + " currency=" + request.currency()
                + " creditorAgent=" + request.creditorAgent());
        store.schedule(payment.id(), PaymentAction.HOLD, at.millis() + HOLD_GRACE_MILLIS, at.position());
        return true;
    }

    private boolean holdPlaced(At at, Payment payment) {
        step(at, payment, payment.direction() == Payment.Direction.OUTGOING ? "held" : "credit-held",
                "holdId=" + payment.holdId());
        return switch (payment.state()) {
            case ACCEPTED -> move(at, payment, PaymentState.HELD, null, PaymentAction.SEND, at.millis(),
                    PaymentAction.HOLD);
            case RECEIVED -> move(at, payment, PaymentState.CREDITED, null, PaymentAction.REPLY, at.millis(),
                    PaymentAction.CREDIT);
            case VOIDING, REJECTED -> move(at, payment, PaymentState.VOIDING, payment.reason(), PaymentAction.VOID,
                    at.millis());
            default -> false;
        };
    }

    private boolean holdPosted(At at, Payment payment) {
        step(at, payment, "posted", "the hold is posted and settled against the network account");
        if (payment.state() != PaymentState.SETTLING) {
            LOG.error("payments: a hold was posted in an unexpected state paymentId={} uetr={} state={}",
                    payment.id(), payment.uetr(), payment.state());
        }
        return finish(at, payment, PaymentState.SETTLED, null);
    }

    private boolean holdVoided(At at, Payment payment, String detail) {
        step(at, payment, "voided", detail);
        return finish(at, payment, PaymentState.REJECTED, payment.reason());
    }

    private boolean holdExpired(At at, Payment payment) {
        if (payment.state() == PaymentState.VOIDING || payment.state().isFinal()) {
            step(at, payment, "expired", "the hold expired; it was to be released anyway");
            return payment.state().isFinal() ? false : finish(at, payment, PaymentState.REJECTED, payment.reason());
        }
        return exception(at, payment, "the hold expired before the network's final answer");
    }

    private boolean refused(At at, Transfer attempted, ResultCode result) {
        if (result == ResultCode.EXISTS) {
            return false;
        }
        if (attempted.hasFlag(TransferFlags.PENDING)) {
            return byHold(attempted.id()).map(payment -> holdRefused(at, payment, result)).orElse(false);
        }
        if (attempted.hasFlag(TransferFlags.POST_PENDING) || attempted.hasFlag(TransferFlags.VOID_PENDING)) {
            return byHold(attempted.pendingId()).map(payment -> resolveRefused(at, payment, attempted, result))
                    .orElse(false);
        }
        return false;
    }

    private boolean holdRefused(At at, Payment payment, ResultCode result) {
        step(at, payment, "hold-refused", "result=" + result.wireName());
        String reason = PaymentAccounts.reasonOf(result);
        return switch (payment.state()) {
            case ACCEPTED -> finish(at, payment, PaymentState.REJECTED, reason);
            case RECEIVED -> move(at, payment, PaymentState.REJECTED, reason, PaymentAction.REPLY, at.millis(),
                    PaymentAction.CREDIT);
            default -> false;
        };
    }

    private boolean resolveRefused(At at, Payment payment, Transfer attempted, ResultCode result) {
        boolean posting = attempted.hasFlag(TransferFlags.POST_PENDING);
        step(at, payment, posting ? "post-refused" : "void-refused", "result=" + result.wireName());
        return switch (result) {
            case PENDING_TRANSFER_ALREADY_POSTED, PENDING_TRANSFER_ALREADY_VOIDED -> false;
            case PENDING_TRANSFER_NOT_FOUND, PENDING_TRANSFER_EXPIRED -> posting
                    ? exception(at, payment, "settled by the network, but the hold is gone: result="
                    + result.wireName())
                    : finish(at, payment, PaymentState.REJECTED, payment.reason());
            default -> exception(at, payment, (posting ? "post" : "void") + " refused: result=" + result.wireName());
        };
    }

    private boolean step(At at, PaymentFacts.Step step) {
        Optional<Payment> found = store.findByUetr(step.uetr());
        if (found.isEmpty()) {
            if (STEP_PACS008_RECEIVED.equals(step.step())) {
                return received(at, step);
            }
            LOG.warn("payments: a step about an unknown payment is ignored uetr={} step={} position={}", step.uetr(),
                    step.step(), at.position());
            return false;
        }
        Payment payment = found.get();
        step(at, payment, step.step(), describe(step));
        return switch (step.step()) {
            case STEP_PACS008_SENT -> payment.state() == PaymentState.HELD && move(at, payment, PaymentState.SENT,
                    null, PaymentAction.CHECK, payment.acceptedAt() + timings.finalAnswer().toMillis(),
                    PaymentAction.SEND);
            case STEP_PACS008_RECEIVED -> repeatReceived(at, payment);
            case STEP_PACS028_SENT -> statusRequested(at, payment);
            case STEP_PACS002_SENT -> replied(at, payment);
            case STEP_PACS002_RECEIVED -> answered(at, payment, step.status(), step.reason());
            case STEP_REJECTED -> payment.state() == PaymentState.RECEIVED && move(at, payment,
                    PaymentState.REJECTED, step.reason(), PaymentAction.REPLY, at.millis(), PaymentAction.CREDIT);
            default -> false;
        };
    }

    private boolean received(At at, PaymentFacts.Step step) {
        PacsMessage message = json.readValue(step.message(), PacsMessage.class);
        var transfer = message.transfer();
        String currency = transfer.amount().currency();
        Payment payment = new Payment(Iso.stepId(step.uetr(), "incoming"), Payment.Direction.INCOMING, step.uetr(),
                transfer.paymentId().endToEndId(), PaymentState.RECEIVED, null, Iso.stepId(step.uetr(), "credit"),
                dev.corebank.ledger.Ledgers.numericCode(currency), Iso.minorUnits(transfer.amount().value(), currency),
                transfer.debtorAgent().bic(), transfer.debtorAccount().id(),
                transfer.debtor() == null ? null : transfer.debtor().name(), transfer.creditorAgent().bic(),
                transfer.creditorAccount().id(), transfer.creditor() == null ? null : transfer.creditor().name(),
                transfer.remittance() == null ? null : transfer.remittance().unstructured(), "", at.traceId(), "",
                transfer.acceptedAt().toEpochMilli(), null, 0, at.position(), at.millis(), null);
        store.insert(payment);
        step(at, payment, STEP_PACS008_RECEIVED, describe(step));
        store.schedule(payment.id(), PaymentAction.CREDIT, at.millis(), at.position());
        return true;
    }

    private boolean repeatReceived(At at, Payment payment) {
        boolean answered = payment.state() != PaymentState.RECEIVED && payment.state() != PaymentState.EXCEPTION;
        if (payment.direction() == Payment.Direction.INCOMING && answered) {
            store.schedule(payment.id(), PaymentAction.REPLY, at.millis(), at.position());
            return true;
        }
        return false;
    }

    private boolean statusRequested(At at, Payment payment) {
        store.countStatusRequest(payment.id(), at.millis());
        if (payment.state().isFinal()) {
            return false;
        }
        store.schedule(payment.id(), PaymentAction.CHECK, at.millis() + statusRequestMillis, at.position());
        return true;
    }

    private boolean replied(At at, Payment payment) {
        store.cancel(payment.id(), PaymentAction.REPLY);
        if (payment.state() == PaymentState.CREDITED) {
            store.schedule(payment.id(), PaymentAction.CHECK,
                    Math.max(at.millis(), payment.acceptedAt() + timings.legalMaximum().toMillis()), at.position());
            return true;
        }
        return false;
    }

    private boolean answered(At at, Payment payment, String status, String reason) {
        boolean settled = StatusReport.SETTLED.equals(status);
        boolean rejected = StatusReport.REJECTED.equals(status);
        boolean open = switch (payment.state()) {
            case HELD, SENT, CREDITED -> true;
            case RECEIVED -> rejected;
            default -> false;
        };
        if (open && settled) {
            return move(at, payment, PaymentState.SETTLING, null, PaymentAction.POST, at.millis(),
                    PaymentAction.CHECK, PaymentAction.SEND);
        }
        if (open && rejected) {
            return move(at, payment, PaymentState.VOIDING, reason, PaymentAction.VOID, at.millis(),
                    PaymentAction.CHECK, PaymentAction.SEND, PaymentAction.CREDIT);
        }
        if (payment.state() == PaymentState.EXCEPTION && rejected) {
            return finish(at, payment, PaymentState.REJECTED, reason);
        }
        boolean contradicts = (settled && (payment.state() == PaymentState.VOIDING
                || payment.state() == PaymentState.REJECTED && payment.direction() == Payment.Direction.OUTGOING))
                || (rejected && (payment.state() == PaymentState.SETTLING || payment.state() == PaymentState.SETTLED));
        if (contradicts) {
            LOG.error("payments: the network's answer contradicts an earlier one paymentId={} uetr={} state={}"
                    + " status={} reason={}", payment.id(), payment.uetr(), payment.state(), status, reason);
            step(at, payment, "contradiction", "state=" + payment.state() + " status=" + status);
        }
        return false;
    }

    private boolean completed(At at, PaymentFacts.Completed completed) {
        store.cancel(completed.paymentId(), PaymentAction.NOTIFY);
        store.find(completed.paymentId()).ifPresent(payment -> step(at, payment, "notified",
                "payment.completed status=" + completed.status()));
        return false;
    }

    private boolean exception(At at, Payment payment, String why) {
        LOG.error("payments: a payment needs an operator paymentId={} uetr={} state={} why={}", payment.id(),
                payment.uetr(), payment.state(), why);
        step(at, payment, "exception", why);
        store.updateState(payment.id(), PaymentState.EXCEPTION, payment.reason(), at.millis());
        store.cancelAll(payment.id());
        store.schedule(payment.id(), PaymentAction.CHECK, at.millis() + statusRequestMillis, at.position());
        return true;
    }

    /** Moves to a final state; an outgoing payment's initiator is told with a webhook. */
    private boolean finish(At at, Payment payment, PaymentState state, String reason) {
        store.updateState(payment.id(), state, reason, at.millis());
        store.cancelAll(payment.id());
        meters.finished(payment, state, at.millis());
        if (payment.direction() == Payment.Direction.OUTGOING) {
            store.schedule(payment.id(), PaymentAction.NOTIFY, at.millis(), at.position());
        }
        LOG.info("payments: final paymentId={} uetr={} direction={} state={} reason={} position={}", payment.id(),
                payment.uetr(), payment.direction(), state, reason, at.position());
        return true;
    }

    private boolean move(At at, Payment payment, PaymentState state, String reason, PaymentAction next, long dueAt,
                         PaymentAction... cancelled) {
        store.updateState(payment.id(), state, reason, at.millis());
        for (PaymentAction action : cancelled) {
            store.cancel(payment.id(), action);
        }
        store.schedule(payment.id(), next, dueAt, at.position());
        return true;
    }

    private void step(At at, Payment payment, String step, String detail) {
        store.addStep(payment.id(), at.position(), at.index(), at.millis(), step, detail);
    }

    private static String describe(PaymentFacts.Step step) {
        StringBuilder detail = new StringBuilder();
        append(detail, "type", step.messageType());
        append(detail, "messageId", step.messageId());
        append(detail, "status", step.status());
        append(detail, "reason", step.reason());
        append(detail, "from", step.from());
        return detail.toString();
    }

    private static void append(StringBuilder detail, String name, String value) {
        if (value != null) {
            detail.append(detail.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
