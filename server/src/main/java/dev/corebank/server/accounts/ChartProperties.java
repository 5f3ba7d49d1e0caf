package dev.corebank.server.accounts;

import dev.corebank.ledger.Ledgers;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chart of accounts' configuration: the currencies the bank keeps books in ({@code corebank.chart.currencies},
 * ISO 4217 codes; default {@link ChartOfAccounts#CURRENCIES}). A first start opens every general-ledger account in
 * each of them, and a later start opens those of a currency added since.
 */
@ConfigurationProperties("corebank.chart")
public record ChartProperties(List<String> currencies) {
    public ChartProperties {
        currencies = currencies == null || currencies.isEmpty() ? ChartOfAccounts.CURRENCIES
                : currencies.stream().map(String::strip).toList();
        for (String currency : currencies) {
            Ledgers.numericCode(currency);
        }
    }

    /** True when the bank keeps books in the ledger (an ISO 4217 numeric code). */
    public boolean covers(int ledger) {
        for (String currency : currencies) {
            if (Ledgers.numericCode(currency) == ledger) {
                return true;
            }
        }
        return false;
    }
}
