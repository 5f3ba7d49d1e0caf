package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;

/**
 * An account as the engine holds it now, with its profile: name and customer (null when the account has none, or
 * when its personal data was erased, which {@code erased} says), and its arranged overdraft limit (0 for none).
 */
public record AccountDetails(Account account, String name, String customerId, boolean erased,
                             long overdraftLimitMinor) {
    public AccountDetails(Account account, String name, String customerId, boolean erased) {
        this(account, name, customerId, erased, 0);
    }
}
