package dev.corebank.server.commands;

/**
 * The numbers of the kinds of {@link dev.corebank.ledger.Fact} this server journals, in one place so that no two
 * kinds share a number. Numbers are stored in the journal: never change or reuse one; a retired kind stays listed.
 */
public final class FactKinds {
    /** An API key was created: its id, role, name, rate limit, creation time and the hash of its secret. */
    public static final int API_KEY_CREATED = 1;
    /** An API key was revoked. */
    public static final int API_KEY_REVOKED = 2;
    /** Reserved for a change of an API key's role; the API has no such operation yet. */
    public static final int API_KEY_ROLE_CHANGED = 3;
    /** An authenticated state-changing request that wrote nothing else to the journal: refused, or a repeat. */
    public static final int REQUEST_RECORDED = 10;
    /** A customer's personal data was erased by destroying its key. */
    public static final int PERSONAL_DATA_ERASED = 20;
    /**
     * A webhook subscription was disabled by corebank (its endpoint answered 410 Gone, or kept failing): the
     * subscription, its owner's API key id, its URL and why. The body is a JSON object (UTF-8), delivered as the
     * CloudEvent {@code webhook.disabled} to the owner's other subscriptions.
     */
    public static final int WEBHOOK_DISABLED = 30;
    /**
     * A durable operation (a transfer import) ended: its id, kind, owner's API key id, state and counts. The body is a
     * JSON object (UTF-8), delivered as the CloudEvent {@code operation.completed} to the owner's subscriptions.
     */
    public static final int OPERATION_COMPLETED = 31;

    /** A version of a banking product was defined: its definition as JSON (see products.ProductFacts). */
    public static final int PRODUCT_DEFINED = 40;
    /** A step of end of day finished for a business date: the date, the step and what it did. */
    public static final int EOD_STEP_COMPLETED = 41;
    /** End of day stopped at a step for a business date, with the reason (a trial balance that does not net). */
    public static final int EOD_STEP_FAILED = 42;
    /** The AML and velocity monitor raised an alert: its id, rule, account, the event that fired it (JSON). */
    public static final int AML_ALERT_RAISED = 60;
    /**
     * A customer asked for a payment to another bank (POST /v1/payments): the payment as JSON (see
     * payments.PaymentFacts). The saga starts from it.
     */
    public static final int PAYMENT_INITIATED = 70;
    /** A step of a payment's saga: a network message sent or received, or a decision; JSON (payments.PaymentFacts). */
    public static final int PAYMENT_STEP = 71;
    /**
     * A payment reached its final status: id, UETR, status, reason and its initiator's API key id. JSON, delivered as
     * the CloudEvent {@code payment.completed} to the initiator's subscriptions.
     */
    public static final int PAYMENT_COMPLETED = 72;

    private FactKinds() {
    }

    /** The kind's name on the event bus, for example {@code request-recorded}; {@code kind-N} for one not listed. */
    public static String nameOf(int kind) {
        return switch (kind) {
            case API_KEY_CREATED -> "api-key-created";
            case API_KEY_REVOKED -> "api-key-revoked";
            case API_KEY_ROLE_CHANGED -> "api-key-role-changed";
            case REQUEST_RECORDED -> "request-recorded";
            case PERSONAL_DATA_ERASED -> "personal-data-erased";
            case WEBHOOK_DISABLED -> "webhook-disabled";
            case OPERATION_COMPLETED -> "operation-completed";
            case AML_ALERT_RAISED -> "aml-alert-raised";
            case PAYMENT_INITIATED -> "payment-initiated";
            case PAYMENT_STEP -> "payment-step";
            case PAYMENT_COMPLETED -> "payment-completed";
            default -> "kind-" + kind;
        };
    }
}
