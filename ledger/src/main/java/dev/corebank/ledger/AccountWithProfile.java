package dev.corebank.ledger;

import java.util.Objects;

/**
 * An account as a lookup returns it, with its current profile and its arranged overdraft limit in minor units (zero
 * when it has none).
 */
public record AccountWithProfile(Account account, Profile profile, long overdraftLimitMinor) {
    public AccountWithProfile {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(profile, "profile");
    }

    public AccountWithProfile(Account account, Profile profile) {
        this(account, profile, 0);
    }
}
