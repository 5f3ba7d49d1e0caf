package dev.corebank.ledger;

import java.util.Objects;
import java.util.UUID;

/** One item of a batch of account changes: freeze, unfreeze or close the account. */
public record AccountChange(UUID accountId, AccountOperation operation) {
    public AccountChange {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(operation, "operation");
    }
}
