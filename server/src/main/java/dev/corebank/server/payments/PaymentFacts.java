package dev.corebank.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal's record of payments: the bodies of the facts {@link FactKinds#PAYMENT_INITIATED},
 * {@link FactKinds#PAYMENT_STEP} and {@link FactKinds#PAYMENT_COMPLETED}, as JSON. Together with the hold's transfer
 * events they are the saga's whole state: the tables are derived from them, and so is a restart.
 */
final class PaymentFacts {
    static final int FORMAT = 1;
    private final JsonMapper json;

    PaymentFacts(JsonMapper json) {
        this.json = json;
    }

    /** A customer's request, as accepted: everything the pacs.008 will say. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Initiated(int format, UUID paymentId, String uetr, String endToEndId, String debtorAccount,
                     String debtorName, String creditorAgent, String creditorAccount, String creditorName,
                     long amountMinor, String currency, String remittance, String ownerKeyId, String requestDigest,
                     long acceptedAt, String businessDate) {
    }

    /**
     * One step: a message sent or received ({@code message} holds a received pacs.008 whole, since the incoming
     * payment is made from it), or a decision of this bank ({@code reason}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(int format, String uetr, String step, String messageType, String messageId, String status,
                String reason, String from, String message) {
    }

    /** The end of a payment, for its initiator's webhooks. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Completed(int format, UUID paymentId, String direction, String uetr, String status, String reason,
                     long amountMinor, String currency, String ownerKeyId) {
    }

    Fact initiated(Initiated initiated) {
        return new Fact(FactKinds.PAYMENT_INITIATED, json.writeValueAsBytes(initiated));
    }

    Fact step(Step step) {
        return new Fact(FactKinds.PAYMENT_STEP, json.writeValueAsBytes(step));
    }

    Fact completed(Completed completed) {
        return new Fact(FactKinds.PAYMENT_COMPLETED, json.writeValueAsBytes(completed));
    }

    Initiated readInitiated(Fact fact) {
        return read(fact, Initiated.class);
    }

    Completed readCompleted(Fact fact) {
        return read(fact, Completed.class);
    }

    Step readStep(Fact fact) {
        return read(fact, Step.class);
    }

    private <T> T read(Fact fact, Class<T> type) {
        try {
            return json.readValue(fact.body(), type);
        } catch (JacksonException damaged) {
            throw new IllegalStateException("a payment fact's body is not what this version wrote kind="
                    + fact.kind() + " type=" + type.getSimpleName() + ": " + damaged.getOriginalMessage(), damaged);
        }
    }
}
