package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import java.util.Objects;
import java.util.UUID;

/**
 * A command to open one account: the ledger fields the engine decides on, and the personal data (name, customer) that
 * travels with them, encrypted, as the account's profile.
 *
 * @param ledger ISO 4217 numeric code
 * @param flags  {@link dev.corebank.ledger.AccountFlags} bits
 * @param overdraftLimitMinor the arranged overdraft to set once it is open; 0 for none
 */
public record OpenAccount(UUID id, int ledger, AccountType type, int code, int flags, String name,
                          String customerId, long overdraftLimitMinor) {
    public OpenAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    public OpenAccount(UUID id, int ledger, AccountType type, int code, int flags, String name, String customerId) {
        this(id, ledger, type, code, flags, name, customerId, 0);
    }

    Account toAccount() {
        return Account.open(id, ledger, type, code, flags);
    }
}
