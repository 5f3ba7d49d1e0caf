package dev.corebank.server.payments;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the saga's actions ({@code payment_actions}): one dispatcher thread takes what is due and hands each to
 * a bounded pool of workers. An action is done when its effect is durable (a journal entry, a broker's confirm); the
 * reactor then sees it in the journal and schedules what follows. A failed action is tried again with backoff. The
 * dispatcher starts only after the reactor has caught up with the journal as it stood at start, so nothing is done
 * again that the journal already shows done.
 */
final class PaymentWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWorkers.class);
    private static final int DUE_BATCH_MAX = 512;
    private static final long IDLE_WAIT_MILLIS_MAX = 1_000;
    private static final long BACKOFF_MILLIS_MIN = 100;
    private static final long BACKOFF_MILLIS_MAX = 30_000;

    private final PaymentStore store;
    private final Commands commands;
    private final PaymentFacts facts;
    private final PaymentProjection projection;
    private final PaymentsProperties properties;
    private final Clock clock;
    private final PaymentMeters meters;
    private final ExecutorService workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final long startPosition;
    private volatile boolean signalled;
    private volatile boolean stopped;
    private volatile NetworkLink link;
    private Thread dispatcher;

    PaymentWorkers(PaymentStore store, Commands commands, PaymentFacts facts, PaymentProjection projection,
                   PaymentsProperties properties, Clock clock, PaymentMeters meters) {
        this.store = store;
        this.commands = commands;
        this.facts = facts;
        this.projection = projection;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.startPosition = commands.committedPosition();
        this.workers = Executors.newFixedThreadPool(properties.workers(), Thread.ofPlatform()
                .name("payments-worker-", 0).daemon(true).factory());
    }

    void start(NetworkLink connected) {
        this.link = connected;
        dispatcher = Thread.ofPlatform().name("payments-dispatcher").daemon(true).start(this::dispatch);
    }

    /** Something changed: look for due actions now. */
    void wake() {
        lock.lock();
        try {
            signalled = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stopped = true;
        wake();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            if (dispatcher != null) {
                dispatcher.join(10_000);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch() {
        while (!stopped) {
            try {
                long waitMillis = IDLE_WAIT_MILLIS_MAX;
                if (projection.appliedPosition() >= startPosition) {
                    long now = clock.millis();
                    for (PaymentStore.DueAction action : store.due(now, DUE_BATCH_MAX)) {
                        String key = action.paymentId() + "/" + action.action();
                        if (running.add(key)) {
                            workers.execute(() -> run(action, key));
                        }
                    }
                    waitMillis = store.nextDue().map(due -> Math.max(0, due - clock.millis()))
                            .map(millis -> Math.min(millis, IDLE_WAIT_MILLIS_MAX)).orElse(IDLE_WAIT_MILLIS_MAX);
                }
                await(Math.max(waitMillis, 1));
            } catch (RuntimeException failure) {
                LOG.warn("payments: the dispatcher failed and goes on reason={}", failure.toString());
                await(BACKOFF_MILLIS_MIN);
            }
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            if (!signalled && !stopped) {
                woken.await(millis, TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    private void run(PaymentStore.DueAction action, String key) {
        try {
            Payment payment = store.find(action.paymentId()).orElse(null);
            if (payment != null) {
                carryOut(action.action(), payment);
                meters.actionDone(action.action());
            }
            store.done(action);
        } catch (RuntimeException failure) {
            long backoff = Math.min(BACKOFF_MILLIS_MAX, BACKOFF_MILLIS_MIN << Math.min(action.attempts(), 16));
            LOG.warn("payments: an action failed and will be tried again paymentId={} action={} attempt={}"
                    + " retryInMillis={} reason={}", action.paymentId(), action.action(), action.attempts() + 1,
                    backoff, failure.toString());
            meters.actionFailed(action.action());
            try {
                store.retryLater(action, clock.millis() + backoff);
            } catch (RuntimeException alsoFailed) {
                LOG.warn("payments: cannot put a failed action back paymentId={} action={} reason={}",
                        action.paymentId(), action.action(), alsoFailed.toString());
            }
        } finally {
            running.remove(key);
            wake();
        }
    }

    private void carryOut(PaymentAction action, Payment payment) {
        switch (action) {
            case HOLD -> hold(payment);
            case SEND -> send(payment, false);
            case CHECK -> check(payment);
            case POST -> post(payment);
            case VOID -> voidHold(payment);
            case CREDIT -> credit(payment);
            case REPLY -> reply(payment);
            case NOTIFY -> notify(payment);
        }
    }

    /** The hold of an outgoing payment: the same transfer the request placed, so a repeat is EXISTS. */
    static Transfer holdOf(Payment payment, int holdTimeoutSeconds) {
        return new Transfer(payment.holdId(), UUID.fromString(payment.debtorAccount()),
                PaymentAccounts.outgoing(payment.ledger()), payment.amountMinor(), payment.ledger(),
                TransactionCodes.PAYMENT_OUT, TransferFlags.PENDING, null, holdTimeoutSeconds,
                reference(payment), 0);
    }

    static String reference(Payment payment) {
        return "payment " + payment.uetr();
    }

    private void hold(Payment payment) {
        submit(LedgerCommand.CreateTransfers.of(List.of(holdOf(payment, properties.holdTimeoutSeconds()))),
                payment, "hold");
    }

    private void send(Payment payment, boolean resend) {
        PacsMessage message = PaymentMessages.creditTransfer(payment, properties.networkCode());
        link.send(properties.networkCode(), resend ? message.asDuplicate() : message,
                PaymentMessages.traceparent(payment, "pacs.008"));
        recordStep(payment, PaymentProjection.STEP_PACS008_SENT, message, null, null);
    }

    private void check(Payment payment) {
        if (payment.state().isFinal()) {
            return;
        }
        PacsMessage request = PaymentMessages.statusRequest(payment, properties.bankCode(), properties.networkCode(),
                clock.instant());
        link.send(properties.networkCode(), request, PaymentMessages.traceparent(payment, "pacs.028"));
        if (payment.direction() == Payment.Direction.OUTGOING && payment.state() == PaymentState.SENT) {
            // Silence is not a rejection: the payment is sent again with the same ids, never as a new one.
            PacsMessage resend = PaymentMessages.creditTransfer(payment, properties.networkCode()).asDuplicate();
            link.send(properties.networkCode(), resend, PaymentMessages.traceparent(payment, "pacs.008"));
        }
        recordStep(payment, PaymentProjection.STEP_PACS028_SENT, request, null, null);
    }

    private void post(Payment payment) {
        boolean outgoing = payment.direction() == Payment.Direction.OUTGOING;
        UUID customer = UUID.fromString(outgoing ? payment.debtorAccount() : payment.creditorAccount());
        UUID clearing = outgoing ? PaymentAccounts.outgoing(payment.ledger()) : PaymentAccounts.incoming(payment.ledger());
        UUID network = PaymentAccounts.network(payment.ledger());
        Transfer post = new Transfer(dev.corebank.server.payments.iso.Iso.stepId(payment.uetr(), "post"),
                outgoing ? customer : clearing, outgoing ? clearing : customer, payment.amountMinor(),
                payment.ledger(), outgoing ? TransactionCodes.PAYMENT_OUT : TransactionCodes.PAYMENT_IN,
                TransferFlags.POST_PENDING | TransferFlags.LINKED, payment.holdId(), 0, reference(payment), 0);
        // The settlement moves the same amount between the clearing account and the bank's account at the network,
        // in the same entry as the post: both happen or neither does.
        Transfer settle = new Transfer(dev.corebank.server.payments.iso.Iso.stepId(payment.uetr(), "settle"),
                outgoing ? clearing : network, outgoing ? network : clearing, payment.amountMinor(),
                payment.ledger(), TransactionCodes.PAYMENT_SETTLEMENT, TransferFlags.NONE, null, 0,
                reference(payment), 0);
        submit(LedgerCommand.CreateTransfers.of(List.of(post, settle)), payment, "post");
    }

    private void voidHold(Payment payment) {
        boolean outgoing = payment.direction() == Payment.Direction.OUTGOING;
        UUID customer = UUID.fromString(outgoing ? payment.debtorAccount() : payment.creditorAccount());
        UUID clearing = outgoing ? PaymentAccounts.outgoing(payment.ledger()) : PaymentAccounts.incoming(payment.ledger());
        Transfer voided = new Transfer(dev.corebank.server.payments.iso.Iso.stepId(payment.uetr(), "void"),
                outgoing ? customer : clearing, outgoing ? clearing : customer, payment.amountMinor(),
                payment.ledger(), outgoing ? TransactionCodes.PAYMENT_OUT : TransactionCodes.PAYMENT_IN,
                TransferFlags.VOID_PENDING, payment.holdId(), 0, reference(payment), 0);
        submit(LedgerCommand.CreateTransfers.of(List.of(voided)), payment, "void");
    }

    /** An incoming payment: the beneficiary is checked, then the credit is held, or the payment is rejected. */
    private void credit(Payment payment) {
        String reason = beneficiaryRefusal(payment);
        if (reason != null) {
            recordStep(payment, PaymentProjection.STEP_REJECTED, null, null, reason);
            return;
        }
        Transfer held = new Transfer(payment.holdId(), PaymentAccounts.incoming(payment.ledger()),
                UUID.fromString(payment.creditorAccount()), payment.amountMinor(), payment.ledger(),
                TransactionCodes.PAYMENT_IN, TransferFlags.PENDING, null, properties.holdTimeoutSeconds(),
                reference(payment), 0);
        submit(LedgerCommand.CreateTransfers.of(List.of(held)), payment, "credit");
    }

    /** Why the beneficiary cannot take the payment, as a reason code; null when it can. */
    private String beneficiaryRefusal(Payment payment) {
        UUID account;
        try {
            account = UUID.fromString(payment.creditorAccount());
        } catch (IllegalArgumentException notAnId) {
            return ReasonCode.INCORRECT_ACCOUNT;
        }
        List<Account> found = commands.ledgerAccounts(List.of(account));
        if (found.isEmpty() || found.getFirst() == null) {
            return ReasonCode.INCORRECT_ACCOUNT;
        }
        Account beneficiary = found.getFirst();
        if (beneficiary.ledger() != payment.ledger()) {
            return ReasonCode.INCORRECT_ACCOUNT;
        }
        if (AccountFlags.has(beneficiary.flags(), AccountFlags.CLOSED)) {
            return ReasonCode.CLOSED_ACCOUNT;
        }
        if (AccountFlags.has(beneficiary.flags(), AccountFlags.FROZEN)
                || AccountFlags.has(beneficiary.flags(), AccountFlags.DORMANT)) {
            return ReasonCode.BLOCKED_ACCOUNT;
        }
        return null;
    }

    private void reply(Payment payment) {
        PacsMessage answer = PaymentMessages.answer(payment, properties.bankCode(), properties.networkCode(),
                clock.instant());
        link.send(properties.networkCode(), answer, PaymentMessages.traceparent(payment, "pacs.002"));
        recordStep(payment, PaymentProjection.STEP_PACS002_SENT, answer, answer.status().status(),
                answer.status().reason());
    }

    private void notify(Payment payment) {
        commands.submit(new LedgerCommand.RecordFacts(List.of(facts.completed(new PaymentFacts.Completed(
                PaymentFacts.FORMAT, payment.id(), payment.direction().name().toLowerCase(java.util.Locale.ROOT),
                payment.uetr(), payment.state().wireName(), payment.reason(), payment.amountMinor(),
                payment.currency(), payment.ownerKeyId())))), provenance(payment, "notify"));
    }

    private void recordStep(Payment payment, String step, PacsMessage message, String status, String reason) {
        PaymentFacts.Step fact = new PaymentFacts.Step(PaymentFacts.FORMAT, payment.uetr(), step,
                message == null ? null : message.type(),
                message == null ? null : message.groupHeader().messageId(), status, reason, null, null);
        commands.submit(new LedgerCommand.RecordFacts(List.of(facts.step(fact))), provenance(payment, step));
    }

    private void submit(LedgerCommand command, Payment payment, String step) {
        commands.submit(command, provenance(payment, step));
    }

    private static Provenance provenance(Payment payment, String step) {
        TraceId trace = payment.traceId() == null || payment.traceId().length() != 32 ? TraceId.NONE
                : TraceId.ofHex(payment.traceId());
        return Commands.system("payment " + step, trace);
    }

    /** Instant of now, for messages. */
    Instant now() {
        return clock.instant();
    }
}
