package dev.corebank.server.payments.iso;

import java.util.Set;

/**
 * The ExternalStatusReason1Code values corebank and its network simulator give, each with what it means here.
 * docs/payments.md says which step gives which.
 */
public final class ReasonCode {
    /** Incorrect account number: the creditor account does not exist, or is in another currency. */
    public static final String INCORRECT_ACCOUNT = "AC01";
    /** Closed account number. */
    public static final String CLOSED_ACCOUNT = "AC04";
    /** Blocked account: frozen (or dormant). */
    public static final String BLOCKED_ACCOUNT = "AC06";
    /** Transaction forbidden: over a limit of the debtor's bank, or refused by the network's reject rate. */
    public static final String TRANSACTION_FORBIDDEN = "AG01";
    /** Payment not received: a status request about a payment the network never saw, past its deadline. */
    public static final String PAYMENT_NOT_RECEIVED = "AG09";
    /** Incorrect agent: the creditor's bank is not a participant of the network. */
    public static final String INCORRECT_AGENT = "AGNT";
    /** Insufficient funds in the debtor account. */
    public static final String INSUFFICIENT_FUNDS = "AM04";
    /** Time-out of the creditor agent: it did not answer before the scheme's automatic reject. */
    public static final String CREDITOR_AGENT_TIMEOUT = "AB05";
    /** Past the scheme's acceptance window: a pacs.008 that reached the network after its hard time-out. */
    public static final String TIME_OUT = "TM01";
    /** Duplication: the same payment id with different content. */
    public static final String DUPLICATION = "AM05";

    private static final Set<String> KNOWN = Set.of(INCORRECT_ACCOUNT, CLOSED_ACCOUNT, BLOCKED_ACCOUNT,
            TRANSACTION_FORBIDDEN, PAYMENT_NOT_RECEIVED, INCORRECT_AGENT, INSUFFICIENT_FUNDS, CREDITOR_AGENT_TIMEOUT,
            TIME_OUT, DUPLICATION);

    private ReasonCode() {
    }

    /** Throws unless {@code code} is one of the codes above. */
    public static String require(String code) {
        if (code == null || !KNOWN.contains(code)) {
            throw new IllegalArgumentException("unknown reason code StsRsnInf=" + code + "; known: " + KNOWN);
        }
        return code;
    }
}
