package dev.corebank.ledger;

import java.util.Objects;

/** An account as a lookup returns it, with its current profile. */
public record AccountWithProfile(Account account, Profile profile) {
    public AccountWithProfile {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(profile, "profile");
    }
}
