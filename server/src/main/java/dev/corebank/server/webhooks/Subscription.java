package dev.corebank.server.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as stored: where to deliver, which events, and with which secrets.
 *
 * @param eventTypes          patterns such as {@code transfer.*} ({@link EventTypes})
 * @param accountId           when set, only events that concern this account
 * @param fifo                first in, first out per account: a later event of an account waits until the earlier
 *                            ones are delivered or dead
 * @param previousSecret      the secret before the last rotation, still signing until {@code previousSecretUntil}
 * @param failingSinceMillis  when deliveries began failing without a success since; null while healthy
 * @param fromSequence        the journal position at creation: only later entries are delivered
 */
record Subscription(UUID id, String ownerKeyId, String url, List<String> eventTypes, UUID accountId,
                    String description, boolean fifo, WebhookSecret secret, WebhookSecret previousSecret,
                    Long previousSecretUntilMillis, boolean enabled, String disabledReason, Long failingSinceMillis,
                    long fromSequence, long createdAtMillis, long updatedAtMillis) {

    /** The secrets that sign a delivery at {@code nowMillis}: the current one, then the previous one in its overlap. */
    List<WebhookSecret> signingSecrets(long nowMillis) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntilMillis != null && nowMillis < previousSecretUntilMillis) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    /** Whether this subscription wants the event. */
    boolean wants(OutgoingEvent event) {
        if (event.ownerKeyId() != null && !event.ownerKeyId().equals(ownerKeyId)) {
            return false;
        }
        if (accountId != null && !accountId.equals(event.accountA()) && !accountId.equals(event.accountB())) {
            return false;
        }
        return event.sequence() > fromSequence && EventTypes.matchesAny(eventTypes, event.type());
    }
}
