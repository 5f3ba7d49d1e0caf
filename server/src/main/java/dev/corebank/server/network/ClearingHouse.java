package dev.corebank.server.network;

import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.payments.iso.CreditTransfer;
import dev.corebank.server.payments.iso.GroupHeader;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.OriginalTransaction;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.ReasonCode;
import dev.corebank.server.payments.iso.SchemeTimings;
import dev.corebank.server.payments.iso.StatusReport;
import dev.corebank.server.web.TraceIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clearing house: routes each payment from the debtor's bank to the creditor's, settles it in the central bank's
 * books, and makes one decision per payment that it never changes. Each decision is taken under the payment's lock.
 *
 * <pre>
 * message               payment is                 the network does
 * pacs.008 from A       unknown, in time            reserve A -> B, forward to B, arm the auto-reject timer
 * pacs.008 from A       unknown, past auto-reject   RJCT TM01 to A (kept: a later copy gets the same)
 * pacs.008 from A       unknown, B not a member     RJCT AGNT to A
 * pacs.008 from A       unknown, reject fault       RJCT (reject-reason) to A
 * pacs.008 from A       in flight                   forward to B again (B answers a repeat as before)
 * pacs.008 from A       final                       the final pacs.002 to A again
 * pacs.002 ACSC from B  in flight                   post the reservation; ACSC to A and B
 * pacs.002 RJCT from B  in flight                   void it; RJCT with B's reason to A and B
 * pacs.002 from B       final                       the final pacs.002 to B again (a late ACSC learns of the RJCT)
 * auto-reject timer     in flight                   void it; RJCT AB05 to A and B
 * pacs.028 from X       final                       the final pacs.002 to X
 * pacs.028 from X       in flight                   pacs.002 PDNG to X
 * pacs.028 from X       unknown                     RJCT AG09, kept, to X
 * </pre>
 */
final class ClearingHouse implements NetworkLink.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ClearingHouse.class);
    private final String code;
    private final NetworkProperties properties;
    private final SchemeTimings timings;
    private final Settlement settlement;
    private final NetworkFaults faults;
    private final NetworkMeters meters;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Set<String> participants;
    private final ConcurrentHashMap<String, NetworkPayment> payments = new ConcurrentHashMap<>();
    /**
     * A pacs.008 accepted after this (the start, plus the legal maximum for the banks' clocks) cannot be in the books
     * from before the start, so a new one is not looked up there: the lookup stays off the hot path.
     */
    private final Instant recallAcceptedBefore;
    private volatile NetworkLink link;

    ClearingHouse(String code, NetworkProperties properties, SchemeTimings timings, Settlement settlement,
                  NetworkFaults faults, NetworkMeters meters, ScheduledExecutorService scheduler, Clock clock) {
        this.code = code;
        this.properties = properties;
        this.timings = timings;
        this.settlement = settlement;
        this.faults = faults;
        this.meters = meters;
        this.scheduler = scheduler;
        this.clock = clock;
        this.participants = Set.copyOf(properties.participants());
        this.recallAcceptedBefore = clock.instant().plus(timings.legalMaximum());
    }

    void connected(NetworkLink connected) {
        this.link = connected;
    }

    NetworkPayment find(String uetr) {
        return payments.get(uetr);
    }

    Collection<NetworkPayment> payments() {
        return payments.values();
    }

    @Override
    public void handle(PacsMessage message, String traceparent) {
        String from = message.groupHeader().instructingAgent().bic();
        meters.message(message.type(), "in");
        if (!participants.contains(from)) {
            LOG.warn("network: a message from a non-participant is dropped type={} uetr={} from={}", message.type(),
                    message.uetr(), from);
            return;
        }
        if (properties.down().contains(from)) {
            meters.fault("participant-down");
            LOG.info("network: fault=participant-down dropped a message from type={} uetr={} from={}",
                    message.type(), message.uetr(), from);
            return;
        }
        TraceId trace = TraceIds.fromTraceparent(traceparent);
        TraceId traceId = trace == null ? TraceIds.generate() : trace;
        switch (message.type()) {
            case PacsMessage.PACS_008 -> creditTransfer(message, from, traceparent, traceId);
            case PacsMessage.PACS_002 -> statusReport(message, from, traceparent, traceId);
            case PacsMessage.PACS_028 -> statusRequest(message, from, traceparent);
            default -> LOG.warn("network: a message type the network does not handle is dropped type={} uetr={}"
                    + " from={}", message.type(), message.uetr(), from);
        }
    }

    private void creditTransfer(PacsMessage message, String from, String traceparent, TraceId trace) {
        CreditTransfer transfer = message.transfer();
        if (!transfer.debtorAgent().bic().equals(from)) {
            LOG.warn("network: a pacs.008 whose debtor agent is not its sender is dropped uetr={} from={}"
                    + " debtorAgent={}", message.uetr(), from, transfer.debtorAgent().bic());
            return;
        }
        if (payments.size() >= properties.paymentsMax() && !payments.containsKey(message.uetr())) {
            LOG.error("network: the network remembers payments-max payments and refuses new ones paymentsMax={}",
                    properties.paymentsMax());
            answer(from, rejectedUnknown(message.uetr(), transfer.paymentId().endToEndId(),
                    transfer.paymentId().transactionId(), ReasonCode.TRANSACTION_FORBIDDEN), traceparent);
            return;
        }
        NetworkPayment payment = payments.computeIfAbsent(message.uetr(), uetr -> transfer.acceptedAt() != null
                && transfer.acceptedAt().isAfter(recallAcceptedBefore) ? new NetworkPayment(uetr) : recallOrNew(uetr));
        synchronized (payment) {
            payment.identify(transfer.paymentId().endToEndId(), transfer.paymentId().transactionId());
            payment.log(clock.instant(), "in " + message.type(), from, message.groupHeader().duplicate()
                    ? "resend" : "");
            switch (payment.status) {
                case NEW -> decide(payment, message, traceparent, trace);
                case IN_FLIGHT -> forward(payment, message, traceparent);
                default -> send(from, finalReport(payment, from), payment, traceparent);
            }
        }
    }

    private void decide(NetworkPayment payment, PacsMessage message, String traceparent, TraceId trace) {
        CreditTransfer transfer = message.transfer();
        payment.endToEndId = transfer.paymentId().endToEndId();
        payment.txId = transfer.paymentId().transactionId();
        payment.debtorAgent = transfer.debtorAgent().bic();
        payment.creditorAgent = transfer.creditorAgent().bic();
        payment.currency = transfer.amount().currency();
        payment.acceptedAt = transfer.acceptedAt();
        payment.traceId = trace.toHex();
        try {
            payment.amountMinor = Iso.minorUnits(transfer.amount().value(), payment.currency);
        } catch (IllegalArgumentException unknownOrTooFine) {
            rejectNew(payment, ReasonCode.TRANSACTION_FORBIDDEN, traceparent);
            return;
        }
        Instant deadline = payment.acceptedAt.plus(timings.autoReject());
        if (clock.instant().isAfter(deadline)) {
            rejectNew(payment, ReasonCode.TIME_OUT, traceparent);
        } else if (!participants.contains(payment.creditorAgent)) {
            rejectNew(payment, ReasonCode.INCORRECT_AGENT, traceparent);
        } else if (faults.reject(payment.uetr)) {
            meters.fault("rejected");
            rejectNew(payment, properties.rejectReason(), traceparent);
        } else {
            ResultCode reserved = settlement.reserve(payment, trace);
            if (reserved != ResultCode.OK && reserved != ResultCode.EXISTS) {
                LOG.warn("network: the reservation was refused uetr={} result={}", payment.uetr, reserved.wireName());
                rejectNew(payment, ReasonCode.TRANSACTION_FORBIDDEN, traceparent);
                return;
            }
            payment.status = NetworkPayment.Status.IN_FLIGHT;
            payment.log(clock.instant(), "reserved", payment.debtorAgent, "amountMinor=" + payment.amountMinor
                    + " currency=" + payment.currency);
            meters.inFlight(1);
            long delayMillis = Math.max(0, deadline.toEpochMilli() - clock.millis());
            scheduler.schedule(() -> timeOut(payment, traceparent, trace), delayMillis, TimeUnit.MILLISECONDS);
            forward(payment, message, traceparent);
        }
    }

    /**
     * A payment the network does not remember: recalled from its books when they hold its reservation (the network
     * was restarted), otherwise new. A recalled payment in flight gets its auto-reject timer again, counted from when
     * it was reserved.
     */
    private NetworkPayment recallOrNew(String uetr) {
        NetworkPayment payment = new NetworkPayment(uetr);
        Settlement.Recalled recalled = settlement.recall(uetr);
        if (recalled == null) {
            return payment;
        }
        payment.debtorAgent = recalled.debtorAgent();
        payment.creditorAgent = recalled.creditorAgent();
        payment.amountMinor = recalled.amountMinor();
        payment.currency = recalled.currency();
        payment.acceptedAt = Instant.ofEpochMilli(recalled.reservedAtMillis());
        payment.status = recalled.status();
        payment.reason = recalled.reason();
        payment.log(clock.instant(), "recalled from the books", code, "status=" + recalled.status()
                + (recalled.reason() == null ? "" : " reason=" + recalled.reason()));
        LOG.info("network: recalled from the books uetr={} status={} reason={}", uetr, recalled.status(),
                recalled.reason());
        if (payment.status == NetworkPayment.Status.IN_FLIGHT) {
            meters.inFlight(1);
            long delayMillis = Math.max(0, payment.acceptedAt.plus(timings.autoReject()).toEpochMilli()
                    - clock.millis());
            TraceId trace = TraceIds.generate();
            scheduler.schedule(() -> timeOut(payment, null, trace), delayMillis, TimeUnit.MILLISECONDS);
        }
        return payment;
    }

    private void forward(NetworkPayment payment, PacsMessage message, String traceparent) {
        PacsMessage forwarded = message.withGroupHeader(GroupHeader.of(Iso.messageId(payment.uetr,
                "network-pacs.008"), clock.instant(), code, payment.creditorAgent));
        send(payment.creditorAgent, forwarded, payment, traceparent);
    }

    private void statusReport(PacsMessage message, String from, String traceparent, TraceId trace) {
        NetworkPayment payment = payments.computeIfAbsent(message.uetr(), uetr -> {
            NetworkPayment recalled = recallOrNew(uetr);
            return recalled.status == NetworkPayment.Status.NEW ? null : recalled;
        });
        if (payment == null) {
            LOG.warn("network: a pacs.002 about a payment the network does not know is dropped uetr={} from={}",
                    message.uetr(), from);
            return;
        }
        if (properties.silent().contains(from)) {
            meters.fault("silent");
            payment.log(clock.instant(), "ignored pacs.002 (silent participant)", from, message.status().status());
            return;
        }
        synchronized (payment) {
            payment.identify(message.status().originalEndToEndId(), message.status().originalTxId());
            payment.log(clock.instant(), "in " + message.type(), from, message.status().status()
                    + (message.status().reason() == null ? "" : " " + message.status().reason()));
            if (!from.equals(payment.creditorAgent)) {
                LOG.warn("network: a pacs.002 not from the creditor agent is dropped uetr={} from={}", payment.uetr,
                        from);
                return;
            }
            if (payment.isFinal()) {
                send(from, finalReport(payment, from), payment, traceparent);
                return;
            }
            if (payment.status != NetworkPayment.Status.IN_FLIGHT) {
                return;
            }
            String status = message.status().status();
            if (StatusReport.SETTLED.equals(status)) {
                ResultCode settled = settlement.settle(payment, trace);
                if (settled == ResultCode.OK || settled == ResultCode.EXISTS
                        || settled == ResultCode.PENDING_TRANSFER_ALREADY_POSTED) {
                    conclude(payment, NetworkPayment.Status.SETTLED, null, traceparent);
                } else {
                    LOG.error("network: the settlement was refused; the payment is rejected uetr={} result={}",
                            payment.uetr, settled.wireName());
                    release(payment, ReasonCode.TRANSACTION_FORBIDDEN, traceparent, trace);
                }
            } else if (StatusReport.REJECTED.equals(status)) {
                release(payment, message.status().reason(), traceparent, trace);
            }
        }
    }

    private void timeOut(NetworkPayment payment, String traceparent, TraceId trace) {
        try {
            synchronized (payment) {
                if (payment.status == NetworkPayment.Status.IN_FLIGHT) {
                    payment.log(clock.instant(), "auto-reject", code, "no answer from the creditor agent in "
                            + timings.autoReject().toMillis() + " ms");
                    release(payment, ReasonCode.CREDITOR_AGENT_TIMEOUT, traceparent, trace);
                }
            }
        } catch (RuntimeException failed) {
            LOG.error("network: the auto-reject failed and is tried again in a second uetr={} reason={}",
                    payment.uetr, failed.toString());
            scheduler.schedule(() -> timeOut(payment, traceparent, trace), 1, TimeUnit.SECONDS);
        }
    }

    private void release(NetworkPayment payment, String reason, String traceparent, TraceId trace) {
        ResultCode released = settlement.release(payment, reason, trace);
        if (released == ResultCode.PENDING_TRANSFER_ALREADY_POSTED) {
            // The books say settled (another instance of the network decided first): the books win.
            LOG.warn("network: a release found the payment settled in the books; it stands settled uetr={}",
                    payment.uetr);
            conclude(payment, NetworkPayment.Status.SETTLED, null, traceparent);
            return;
        }
        if (released != ResultCode.OK && released != ResultCode.EXISTS
                && released != ResultCode.PENDING_TRANSFER_ALREADY_VOIDED
                && released != ResultCode.PENDING_TRANSFER_EXPIRED) {
            throw new IllegalStateException("network: cannot release a reservation uetr=" + payment.uetr
                    + " result=" + released.wireName());
        }
        conclude(payment, NetworkPayment.Status.REJECTED, reason, traceparent);
    }

    private void conclude(NetworkPayment payment, NetworkPayment.Status status, String reason, String traceparent) {
        payment.status = status;
        payment.reason = reason;
        meters.inFlight(-1);
        meters.payment(status, reason);
        LOG.info("network: final uetr={} status={} reason={} debtorAgent={} creditorAgent={} amountMinor={}"
                + " currency={}", payment.uetr, status, reason, payment.debtorAgent, payment.creditorAgent,
                payment.amountMinor, payment.currency);
        send(payment.debtorAgent, finalReport(payment, payment.debtorAgent), payment, traceparent);
        send(payment.creditorAgent, finalReport(payment, payment.creditorAgent), payment, traceparent);
    }

    private void rejectNew(NetworkPayment payment, String reason, String traceparent) {
        payment.status = NetworkPayment.Status.REJECTED;
        payment.reason = reason;
        meters.payment(payment.status, reason);
        LOG.info("network: rejected uetr={} reason={} debtorAgent={} creditorAgent={}", payment.uetr, reason,
                payment.debtorAgent, payment.creditorAgent);
        send(payment.debtorAgent, finalReport(payment, payment.debtorAgent), payment, traceparent);
    }

    private void statusRequest(PacsMessage message, String from, String traceparent) {
        OriginalTransaction asked = message.original();
        NetworkPayment payment = payments.computeIfAbsent(message.uetr(), uetr -> {
            NetworkPayment tombstone = recallOrNew(uetr);
            tombstone.identify(asked.originalEndToEndId(), asked.originalTxId());
            if (tombstone.status != NetworkPayment.Status.NEW) {
                return tombstone;
            }
            tombstone.status = NetworkPayment.Status.REJECTED;
            tombstone.reason = ReasonCode.PAYMENT_NOT_RECEIVED;
            tombstone.log(clock.instant(), "tombstone", from, "a status request about a payment never received");
            meters.payment(tombstone.status, tombstone.reason);
            return tombstone;
        });
        synchronized (payment) {
            payment.log(clock.instant(), "in " + message.type(), from, "");
            if (payment.status == NetworkPayment.Status.NEW) {
                // Another thread is deciding it right now; its answer is on the way.
                return;
            }
            PacsMessage report = payment.isFinal() ? finalReport(payment, from) : report(payment, from,
                    StatusReport.PENDING, null);
            send(from, report, payment, traceparent);
        }
    }

    private PacsMessage finalReport(NetworkPayment payment, String to) {
        boolean settled = payment.status == NetworkPayment.Status.SETTLED;
        return report(payment, to, settled ? StatusReport.SETTLED : StatusReport.REJECTED,
                settled ? null : payment.reason);
    }

    private PacsMessage report(NetworkPayment payment, String to, String status, String reason) {
        return PacsMessage.statusReport(GroupHeader.of(Iso.messageId(payment.uetr, "network-pacs.002-" + status
                + "-to-" + to), clock.instant(), code, to), new StatusReport(payment.endToEndId, payment.txId,
                payment.uetr, status, reason));
    }

    private PacsMessage rejectedUnknown(String uetr, String endToEndId, String txId, String reason) {
        return PacsMessage.statusReport(GroupHeader.of(Iso.messageId(uetr, "network-refused"), clock.instant(), code,
                "XXXXXXXX"), new StatusReport(endToEndId, txId, uetr, StatusReport.REJECTED, reason));
    }

    private void answer(String to, PacsMessage report, String traceparent) {
        PacsMessage addressed = report.withGroupHeader(GroupHeader.of(report.groupHeader().messageId(),
                report.groupHeader().createdAt(), code, to));
        link.send(to, addressed, traceparent);
    }

    /** Sends through the faults: lost, delayed, held back or duplicated, as the seed draws. */
    private void send(String to, PacsMessage message, NetworkPayment payment, String traceparent) {
        if (properties.down().contains(to)) {
            meters.fault("participant-down");
            payment.log(clock.instant(), "fault participant-down", to, "not delivered: " + message.type());
            return;
        }
        NetworkFaults.Plan plan = faults.plan();
        for (NetworkFaults.Fault fault : plan.faults()) {
            meters.fault(fault.name().toLowerCase(java.util.Locale.ROOT));
            if (fault != NetworkFaults.Fault.DELAYED) {
                LOG.info("network: fault={} type={} uetr={} to={}", fault, message.type(), payment.uetr, to);
            }
        }
        String detail = describe(message);
        for (long delayMillis : plan.delaysMillis()) {
            if (delayMillis == 0) {
                deliver(to, message, payment, traceparent, detail);
            } else {
                scheduler.schedule(() -> {
                    try {
                        deliver(to, message, payment, traceparent, detail);
                    } catch (RuntimeException lost) {
                        LOG.warn("network: a delayed message was lost type={} uetr={} to={} reason={}",
                                message.type(), payment.uetr, to, lost.toString());
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
        }
        if (plan.delaysMillis().isEmpty()) {
            payment.log(clock.instant(), "fault dropped", to, detail);
        }
    }

    private void deliver(String to, PacsMessage message, NetworkPayment payment, String traceparent, String detail) {
        link.send(to, message, traceparent);
        meters.message(message.type(), "out");
        payment.log(clock.instant(), "out " + message.type(), to, detail);
        LOG.info("network: sent type={} uetr={} to={} {}", message.type(), payment.uetr, to, detail);
    }

    private static String describe(PacsMessage message) {
        return message.status() == null ? "" : "status=" + message.status().status()
                + (message.status().reason() == null ? "" : " reason=" + message.status().reason());
    }
}
