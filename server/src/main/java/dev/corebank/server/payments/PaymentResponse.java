package dev.corebank.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payment as GET /v1/payments/{id} shows it: its status and every step so far, each with the journal position that
 * made it (the witness of the payment on this bank's side), and its trace id, which the messages carry to the network
 * and the other bank.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PaymentResponse(UUID id, String direction, String uetr, String endToEndId, String status, String reason,
                       boolean isFinal, long amountMinor, String currency, String debtorAgent, String debtorAccount,
                       String creditorAgent, String creditorAccount, Instant acceptedAt, Instant finalAt,
                       int statusRequests, String traceId, List<StepView> steps) {

    record StepView(long position, Instant at, String step, String detail) {
    }

    static PaymentResponse of(Payment payment, List<PaymentStore.Step> steps) {
        return new PaymentResponse(payment.id(), payment.direction().name().toLowerCase(java.util.Locale.ROOT),
                payment.uetr(), payment.endToEndId(), payment.state().wireName(), payment.reason(),
                payment.state().isFinal(), payment.amountMinor(), payment.currency(), payment.debtorAgent(),
                payment.debtorAccount(), payment.creditorAgent(), payment.creditorAccount(),
                Instant.ofEpochMilli(payment.acceptedAt()),
                payment.finalAt() == null ? null : Instant.ofEpochMilli(payment.finalAt()), payment.statusRequests(),
                payment.traceId() == null || payment.traceId().isEmpty() ? null : payment.traceId(),
                steps.stream().map(step -> new StepView(step.position(), Instant.ofEpochMilli(step.at()), step.step(),
                        step.detail())).toList());
    }

    /** A payment journaled but not yet derived by the reactor: accepted, no step shown yet. */
    static PaymentResponse accepted(PaymentFacts.Initiated initiated, String bankCode) {
        return new PaymentResponse(initiated.paymentId(), "outgoing", initiated.uetr(), initiated.endToEndId(),
                PaymentState.ACCEPTED.wireName(), null, false, initiated.amountMinor(), initiated.currency(), bankCode,
                initiated.debtorAccount(), initiated.creditorAgent(), initiated.creditorAccount(),
                Instant.ofEpochMilli(initiated.acceptedAt()), null, 0, null, List.of());
    }
}
