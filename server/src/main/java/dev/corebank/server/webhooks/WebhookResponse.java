package dev.corebank.server.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it. {@code secret} is there only in the answer that made it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookResponse(UUID id, String url, List<String> eventTypes, UUID accountId, String description, boolean fifo,
                       boolean enabled, String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
                       Instant createdAt, Instant updatedAt, String secret) {

    static WebhookResponse of(Subscription subscription, String secret, long nowMillis) {
        Long previousUntil = subscription.previousSecretUntilMillis();
        return new WebhookResponse(subscription.id(), subscription.url(), subscription.eventTypes(),
                subscription.accountId(), subscription.description(), subscription.fifo(), subscription.enabled(),
                subscription.disabledReason(), instant(subscription.failingSinceMillis()),
                previousUntil != null && previousUntil > nowMillis ? Instant.ofEpochMilli(previousUntil) : null,
                Instant.ofEpochMilli(subscription.createdAtMillis()), Instant.ofEpochMilli(subscription.updatedAtMillis()),
                secret);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
