package dev.corebank.server.webhooks;

import java.util.UUID;

/**
 * One event as the webhooks send it: its CloudEvent id and type, the journal entry it comes from, the accounts it
 * concerns (for the account filter and the first-in-first-out mode), the API key it belongs to when it is meant for
 * one owner only ({@code operation.completed}, {@code webhook.disabled}; null for the bank's events), and the
 * CloudEvent in structured JSON, which is the body sent (rendered when asked: most events go to no subscription).
 */
record OutgoingEvent(String id, String type, long sequence, UUID accountA, UUID accountB, String ownerKeyId,
                     java.util.function.Supplier<String> json) {
}
