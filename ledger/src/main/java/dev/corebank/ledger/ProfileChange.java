package dev.corebank.ledger;

import java.util.Objects;
import java.util.UUID;

/** One item of a batch of profile updates: the account's profile becomes {@code profile}. */
public record ProfileChange(UUID accountId, Profile profile) {
    public ProfileChange {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(profile, "profile");
    }
}
