package dev.corebank.server.payments;

import java.util.Locale;

/**
 * Where a payment stands in its saga (docs/payments.md draws the diagram). SETTLED and REJECTED are final; EXCEPTION
 * waits for an operator, because the journal and the network disagree (a hold expired before the network's final
 * answer, or a post after settlement was refused).
 */
public enum PaymentState {
    /** Outgoing: the request is journaled; the hold comes next. */
    ACCEPTED,
    /** Outgoing: the customer's funds are held in outgoing clearing; the pacs.008 goes next. */
    HELD,
    /** Outgoing: the pacs.008 went to the network; waiting for its pacs.002. */
    SENT,
    /** Incoming: the pacs.008 is journaled; the beneficiary is checked next. */
    RECEIVED,
    /** Incoming: the credit is held for the beneficiary and ACSC answered; waiting for the network's confirmation. */
    CREDITED,
    /** Settled by the network: the hold is being posted. */
    SETTLING,
    /** Rejected: the hold is being voided (the compensation). */
    VOIDING,
    SETTLED,
    REJECTED,
    EXCEPTION;

    public boolean isFinal() {
        return this == SETTLED || this == REJECTED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
