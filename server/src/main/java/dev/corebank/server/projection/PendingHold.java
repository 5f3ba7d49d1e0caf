package dev.corebank.server.projection;

import java.util.UUID;

/** A PENDING transfer not yet resolved: what a post, void or expiry releases from the pending balances. */
record PendingHold(UUID id, long amountMinor) {
}
