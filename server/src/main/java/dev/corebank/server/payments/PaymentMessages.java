package dev.corebank.server.payments;

import dev.corebank.server.payments.iso.CreditTransfer;
import dev.corebank.server.payments.iso.GroupHeader;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.OriginalTransaction;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.StatusReport;
import java.time.Instant;

/**
 * The messages a bank sends, made from the payment alone: every id is derived from the UETR, so a resend is the same
 * message (with {@code CpyDplct=DUPL}) and the receiver recognises it.
 */
final class PaymentMessages {
    private PaymentMessages() {
    }

    /** The payment's pacs.008, to the network. */
    static PacsMessage creditTransfer(Payment payment, String networkCode) {
        String uetr = payment.uetr();
        String compact = uetr.replace("-", "");
        CreditTransfer transfer = new CreditTransfer(
                new CreditTransfer.PaymentIdentification(compact, payment.endToEndId(), compact, uetr),
                new CreditTransfer.Amount(payment.currency(), Iso.decimal(payment.amountMinor(), payment.currency())),
                Instant.ofEpochMilli(payment.acceptedAt()),
                payment.debtorName() == null ? null : new CreditTransfer.Party(payment.debtorName()),
                new CreditTransfer.AccountRef(payment.debtorAccount()),
                new dev.corebank.server.payments.iso.Agent(payment.debtorAgent()),
                new dev.corebank.server.payments.iso.Agent(payment.creditorAgent()),
                payment.creditorName() == null ? null : new CreditTransfer.Party(payment.creditorName()),
                new CreditTransfer.AccountRef(payment.creditorAccount()),
                payment.remittance() == null || payment.remittance().isEmpty() ? null
                        : new CreditTransfer.Remittance(payment.remittance()));
        return PacsMessage.creditTransfer(GroupHeader.of(Iso.messageId(uetr, "pacs.008"),
                Instant.ofEpochMilli(payment.acceptedAt()), payment.debtorAgent(), networkCode), transfer);
    }

    /** An incoming payment's answer: ACSC once the credit is held, RJCT with the reason otherwise. */
    static PacsMessage answer(Payment payment, String bankCode, String networkCode, Instant now) {
        boolean rejected = payment.state() == PaymentState.REJECTED || payment.state() == PaymentState.VOIDING;
        String status = rejected ? StatusReport.REJECTED : StatusReport.SETTLED;
        return PacsMessage.statusReport(GroupHeader.of(Iso.messageId(payment.uetr(), "pacs.002-" + status), now,
                bankCode, networkCode), new StatusReport(payment.endToEndId(),
                payment.uetr().replace("-", ""), payment.uetr(), status,
                rejected ? reasonOrForbidden(payment) : null));
    }

    private static String reasonOrForbidden(Payment payment) {
        return payment.reason() == null ? dev.corebank.server.payments.iso.ReasonCode.TRANSACTION_FORBIDDEN
                : payment.reason();
    }

    /** A status request about the payment, the {@code attempt}-th. */
    static PacsMessage statusRequest(Payment payment, String bankCode, String networkCode, Instant now) {
        return PacsMessage.statusRequest(GroupHeader.of(
                Iso.messageId(payment.uetr(), "pacs.028-" + payment.statusRequests()), now, bankCode,
                networkCode), OriginalTransaction.of(payment.endToEndId(), payment.uetr().replace("-", ""),
                payment.uetr()));
    }

    /** The W3C traceparent of a step of the payment's trace. */
    static String traceparent(Payment payment, String step) {
        if (payment.traceId() == null || payment.traceId().length() != 32) {
            return null;
        }
        String span = Iso.messageId(payment.uetr(), "span-" + step).substring(0, 16);
        return "00-" + payment.traceId() + "-" + span + "-01";
    }
}
