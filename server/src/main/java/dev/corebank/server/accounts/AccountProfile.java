package dev.corebank.server.accounts;

import java.util.UUID;

/** One row of {@code account_profiles}. */
record AccountProfile(UUID accountId, String name, String customerId) {
}
