package dev.corebank.server.webhooks;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.web.ApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Manages one API key's subscriptions and reads its delivery log. Another key's subscription is not found. */
final class WebhookService {
    static final int URL_LENGTH_MAX = 2048;
    static final int DESCRIPTION_LENGTH_MAX = 256;
    static final int DELIVERIES_LIMIT_MAX = 1_000;

    private final WebhookStore store;
    private final AddressGuard guard;
    private final WebhookProperties properties;
    private final Commands commands;
    private final Runnable wake;
    private final Clock clock;

    WebhookService(WebhookStore store, AddressGuard guard, WebhookProperties properties, Commands commands,
                   Runnable wake, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.properties = properties;
        this.commands = commands;
        this.wake = wake;
        this.clock = clock;
    }

    /** Creates a subscription; the answer holds its secret, which is never shown again. */
    WebhookResponse create(String ownerKeyId, WebhookRequest request) {
        if (store.countOf(ownerKeyId) >= properties.subscriptionsPerKeyMax()) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_webhooks", "an API key holds at most "
                    + properties.subscriptionsPerKeyMax() + " subscriptions");
        }
        String url = checkedUrl(request.url());
        List<String> eventTypes = checkedEventTypes(request.eventTypes());
        long nowMillis = clock.millis();
        WebhookSecret secret = WebhookSecret.generate();
        Subscription subscription = new Subscription(UUID.randomUUID(), ownerKeyId, url, eventTypes,
                request.accountId(), checkedDescription(request.description()), Boolean.TRUE.equals(request.fifo()),
                secret, null, null, true, null, null, commands.committedPosition(), nowMillis, nowMillis);
        store.insert(subscription);
        return WebhookResponse.of(subscription, secret.text(), nowMillis);
    }

    List<WebhookResponse> list(String ownerKeyId) {
        long nowMillis = clock.millis();
        return store.subscriptionsOf(ownerKeyId).stream().map(s -> WebhookResponse.of(s, null, nowMillis)).toList();
    }

    WebhookResponse get(String ownerKeyId, UUID id) {
        return WebhookResponse.of(owned(ownerKeyId, id), null, clock.millis());
    }

    /** Replaces what the request names; enabling a disabled subscription resumes its pending deliveries. */
    WebhookResponse update(String ownerKeyId, UUID id, WebhookRequest request) {
        Subscription current = owned(ownerKeyId, id);
        long nowMillis = clock.millis();
        boolean enabled = request.enabled() == null ? current.enabled() : request.enabled();
        String reason = enabled ? null : current.enabled() ? "disabled by its owner" : current.disabledReason();
        Subscription changed = new Subscription(id, ownerKeyId,
                request.url() == null ? current.url() : checkedUrl(request.url()),
                request.eventTypes() == null ? current.eventTypes() : checkedEventTypes(request.eventTypes()),
                request.accountId() == null ? current.accountId() : request.accountId(),
                request.description() == null ? current.description() : checkedDescription(request.description()),
                request.fifo() == null ? current.fifo() : request.fifo(), current.secret(), current.previousSecret(),
                current.previousSecretUntilMillis(), enabled, reason,
                enabled && !current.enabled() ? null : current.failingSinceMillis(), current.fromSequence(),
                current.createdAtMillis(), nowMillis);
        store.update(changed);
        if (enabled) {
            wake.run();
        }
        return WebhookResponse.of(changed, null, nowMillis);
    }

    /**
     * A new secret; the previous one keeps signing for {@code overlapSeconds} (the default overlap when null), so
     * receivers can switch without losing a delivery. The answer holds the new secret, shown this once.
     */
    WebhookResponse rotate(String ownerKeyId, UUID id, Long overlapSeconds) {
        Subscription current = owned(ownerKeyId, id);
        Duration overlap = overlapSeconds == null ? properties.rotationOverlapDefault()
                : Duration.ofSeconds(overlapSeconds);
        if (overlap.isNegative() || overlap.compareTo(properties.rotationOverlapMax()) > 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "overlapSeconds is 0 to "
                    + properties.rotationOverlapMax().toSeconds() + " field=overlapSeconds");
        }
        long nowMillis = clock.millis();
        WebhookSecret secret = WebhookSecret.generate();
        store.rotate(id, secret, current.secret(), nowMillis + overlap.toMillis(), nowMillis);
        return WebhookResponse.of(owned(ownerKeyId, id), secret.text(), nowMillis);
    }

    WebhookResponse disable(String ownerKeyId, UUID id) {
        owned(ownerKeyId, id);
        long nowMillis = clock.millis();
        store.disable(id, "disabled by its owner", nowMillis);
        return WebhookResponse.of(owned(ownerKeyId, id), null, nowMillis);
    }

    /** Deletes the subscription; its pending deliveries are cancelled, its log stays. */
    void delete(String ownerKeyId, UUID id) {
        owned(ownerKeyId, id);
        store.delete(id, clock.millis());
    }

    List<DeliveryResponse> deliveries(String ownerKeyId, UUID id, String eventId, int limit) {
        owned(ownerKeyId, id);
        if (limit < 1 || limit > DELIVERIES_LIMIT_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "limit is 1 to " + DELIVERIES_LIMIT_MAX
                    + " field=limit");
        }
        return withAttempts(store.deliveriesOf(id, eventId, limit));
    }

    List<DeliveryResponse> deliveriesOfEvent(String ownerKeyId, String eventId) {
        return withAttempts(store.deliveriesOfEvent(eventId, ownerKeyId));
    }

    /** Starts a new round of attempts for one event, or for the events of journal entries from..to. */
    int redeliver(String ownerKeyId, UUID id, String eventId, Long fromSequence, Long toSequence) {
        owned(ownerKeyId, id);
        long nowMillis = clock.millis();
        int started;
        if (eventId != null) {
            if (fromSequence != null || toSequence != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "name either eventId or"
                        + " fromSequence and toSequence field=eventId");
            }
            started = store.redeliver(id, eventId, nowMillis);
            if (started == 0) {
                throw new ApiException(HttpStatus.NOT_FOUND, "delivery_not_found", "this subscription has no"
                        + " delivery of the event eventId=" + eventId);
            }
        } else {
            if (fromSequence == null || toSequence == null || fromSequence < 1 || toSequence < fromSequence) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "a range needs 1 <= fromSequence"
                        + " <= toSequence field=fromSequence");
            }
            started = store.redeliverRange(id, fromSequence, toSequence, properties.redeliverEventsMax(), nowMillis);
        }
        wake.run();
        return started;
    }

    private List<DeliveryResponse> withAttempts(List<WebhookStore.Delivery> deliveries) {
        return deliveries.stream().map(d -> DeliveryResponse.of(d, store.attemptsOf(d.id()))).toList();
    }

    private Subscription owned(String ownerKeyId, UUID id) {
        return store.subscription(id).filter(s -> s.ownerKeyId().equals(ownerKeyId)).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "webhook_not_found", "no webhook subscription of this key"
                        + " has this id id=" + id));
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank() || url.length() > URL_LENGTH_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "url is required, at most "
                    + URL_LENGTH_MAX + " characters field=url");
        }
        URI target;
        try {
            target = AddressGuard.parse(url);
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", malformed.getMessage() + " field=url");
        }
        try {
            guard.check(target);
        } catch (AddressGuard.Refused refused) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "webhook_target_refused", refused.getMessage());
        }
        return url;
    }

    private static List<String> checkedEventTypes(List<String> eventTypes) {
        try {
            EventTypes.validate(eventTypes);
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", invalid.getMessage()
                    + " field=eventTypes");
        }
        return List.copyOf(eventTypes);
    }

    private static String checkedDescription(String description) {
        if (description != null && description.length() > DESCRIPTION_LENGTH_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "description is at most "
                    + DESCRIPTION_LENGTH_MAX + " characters field=description");
        }
        return description;
    }
}
