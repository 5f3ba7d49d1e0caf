package dev.corebank.server.accounts;

import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Ledgers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The bank's general-ledger accounts, one set per currency, with ids derived from their names ({@code gl:USD:cash})
 * so that every installation, every test and every other module finds the same account under the same id. They are
 * opened on the first start; this class depends on nothing but the ledger model, so any module may use it.
 */
public final class ChartOfAccounts {
    /**
     * The currencies the bank keeps books in when configuration does not say ({@code corebank.chart.currencies}); the
     * configured list is {@link ChartProperties#currencies()}.
     */
    public static final List<String> CURRENCIES = List.of("MMK", "USD");

    /** One general-ledger account of each currency. */
    public enum GlAccount {
        /** Cash in the vaults and tills: deposits and withdrawals at the counter move against it. */
        CASH("cash", AccountType.ASSET, 1000, "Cash"),
        /** Settlement with other banks: payments in and out pass through it. */
        CLEARING("clearing", AccountType.ASSET, 1100, "Clearing"),
        /** Incoming payments whose credit is held for the beneficiary until the network confirms settlement. */
        PAYMENTS_INCOMING("payments-incoming", AccountType.ASSET, 1120, "Incoming payments in flight"),
        /** Interest accrued to customers day by day and not yet posted to them. */
        INTEREST_PAYABLE("interest-payable", AccountType.LIABILITY, 2100, "Interest payable"),
        /** Outgoing payments held from customers until the network settles or rejects them. */
        PAYMENTS_OUTGOING("payments-outgoing", AccountType.LIABILITY, 2200, "Outgoing payments in flight"),
        EQUITY("equity", AccountType.EQUITY, 3000, "Equity"),
        FEE_INCOME("fee-income", AccountType.INCOME, 4000, "Fee income"),
        OVERDRAFT_INTEREST_INCOME("overdraft-interest-income", AccountType.INCOME, 4100,
                "Overdraft interest income"),
        INTEREST_EXPENSE("interest-expense", AccountType.EXPENSE, 5000, "Interest expense");

        private final String key;
        private final AccountType type;
        private final int code;
        private final String title;

        GlAccount(String key, AccountType type, int code, String title) {
            this.key = key;
            this.type = type;
            this.code = code;
            this.title = title;
        }

        /** The line with this general-ledger code, or null. */
        public static GlAccount ofCode(int code) {
            for (GlAccount account : values()) {
                if (account.code == code) {
                    return account;
                }
            }
            return null;
        }

        public String key() {
            return key;
        }

        public AccountType type() {
            return type;
        }

        /** The general-ledger code the account is opened with. */
        public int code() {
            return code;
        }

        /** The account's name, for example "USD cash". */
        public String title(String currency) {
            return currency + " " + title.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ChartOfAccounts() {
    }

    /** The id of a general-ledger account: a name-based UUID of {@code gl:<currency>:<key>}. */
    public static UUID id(String currency, GlAccount account) {
        return UUID.nameUUIDFromBytes(("gl:" + currency + ":" + account.key()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cash account of a ledger given as its ISO 4217 numeric code. */
    public static UUID cash(int ledger) {
        return id(Ledgers.alphabeticCode(ledger), GlAccount.CASH);
    }

    /** The id of a general-ledger account of a ledger given as its ISO 4217 numeric code. */
    public static UUID id(int ledger, GlAccount account) {
        return id(Ledgers.alphabeticCode(ledger), account);
    }

    /** True when the bank keeps books in the currency by default, so its general-ledger accounts exist. */
    public static boolean covers(int ledger) {
        for (String currency : CURRENCIES) {
            if (Ledgers.numericCode(currency) == ledger) {
                return true;
            }
        }
        return false;
    }
}
