package dev.corebank.server.projection;

import java.util.UUID;

/** A hold stored by an earlier batch that this batch posted, voided or expired. */
record Resolution(UUID pendingId, String status, long resolvedAt) {
}
