package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import java.util.Objects;
import java.util.UUID;

/**
 * A command to open one account: the ledger fields the engine stores, and the profile (name, customer) this server
 * stores beside them.
 *
 * @param ledger ISO 4217 numeric code
 * @param flags  {@link dev.corebank.ledger.AccountFlags} bits
 */
public record OpenAccount(UUID id, int ledger, AccountType type, int code, int flags, String name,
                          String customerId) {
    public OpenAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    Account toAccount() {
        return Account.open(id, ledger, type, code, flags);
    }

    boolean sameProfile(AccountProfile profile) {
        return profile != null && Objects.equals(name, profile.name())
                && Objects.equals(customerId, profile.customerId());
    }

    AccountProfile profile() {
        return new AccountProfile(id, name, customerId);
    }
}
