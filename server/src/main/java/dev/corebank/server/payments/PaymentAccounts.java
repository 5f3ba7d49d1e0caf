package dev.corebank.server.payments;

import dev.corebank.ledger.ResultCode;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.payments.iso.ReasonCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The general-ledger accounts a payment moves through, per currency: a hold of an outgoing payment credits outgoing
 * clearing and settles from there against {@link GlAccount#CLEARING} (the bank's account at the network); a held credit
 * of an incoming payment debits incoming clearing, which settles against the same clearing account. docs/payments.md
 * shows the postings.
 */
final class PaymentAccounts {
    private final Set<UUID> paymentAccounts = new HashSet<>();

    PaymentAccounts(List<String> currencies) {
        for (String currency : currencies) {
            paymentAccounts.add(ChartOfAccounts.id(currency, GlAccount.PAYMENTS_OUTGOING));
            paymentAccounts.add(ChartOfAccounts.id(currency, GlAccount.PAYMENTS_INCOMING));
        }
    }

    static UUID outgoing(int ledger) {
        return ChartOfAccounts.id(ledger, GlAccount.PAYMENTS_OUTGOING);
    }

    static UUID incoming(int ledger) {
        return ChartOfAccounts.id(ledger, GlAccount.PAYMENTS_INCOMING);
    }

    static UUID network(int ledger) {
        return ChartOfAccounts.id(ledger, GlAccount.CLEARING);
    }

    /** Whether a transfer between these accounts may be a payment's. */
    boolean touches(UUID debitAccountId, UUID creditAccountId) {
        return paymentAccounts.contains(debitAccountId) || paymentAccounts.contains(creditAccountId);
    }

    /** The ISO 20022 reason for a refusal of the ledger. */
    static String reasonOf(ResultCode result) {
        return switch (result) {
            case EXCEEDS_CREDITS, EXCEEDS_DEBITS, EXCEEDS_OVERDRAFT_LIMIT -> ReasonCode.INSUFFICIENT_FUNDS;
            case ACCOUNT_FROZEN, ACCOUNT_DORMANT -> ReasonCode.BLOCKED_ACCOUNT;
            case ACCOUNT_CLOSED -> ReasonCode.CLOSED_ACCOUNT;
            case ACCOUNT_NOT_FOUND, DEBIT_ACCOUNT_NOT_FOUND, CREDIT_ACCOUNT_NOT_FOUND, LEDGER_MISMATCH ->
                    ReasonCode.INCORRECT_ACCOUNT;
            default -> ReasonCode.TRANSACTION_FORBIDDEN;
        };
    }
}
