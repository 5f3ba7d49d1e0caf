package dev.corebank.server.payments;

/**
 * The saga's next steps, kept in {@code payment_actions} (its outbox). Each is carried out with ids derived from the
 * payment, so doing one twice changes nothing the second time.
 */
enum PaymentAction {
    /** Outgoing: place the hold (the request's own hold normally lands first and cancels this). */
    HOLD,
    /** Outgoing: send the pacs.008. */
    SEND,
    /** Outgoing or incoming: no final answer by the deadline; send a pacs.028 (and, outgoing, resend the pacs.008). */
    CHECK,
    /** Post the hold and settle it against the bank's account at the network. */
    POST,
    /** Void the hold: the compensation of a rejected payment. */
    VOID,
    /** Incoming: check the beneficiary and hold the credit, or reject. */
    CREDIT,
    /** Incoming: answer the network with the payment's pacs.002. */
    REPLY,
    /** Journal the payment's completion, which the webhooks deliver as payment.completed. */
    NOTIFY
}
