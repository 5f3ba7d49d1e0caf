package dev.corebank.server.webhooks;

import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facts meant for one API key's subscriptions, and whose they are: {@code webhook.disabled},
 * {@code operation.completed} and {@code payment.completed} carry {@code ownerKeyId} in their JSON body. Writes those bodies, too.
 */
public final class OwnedFacts {
    private static final int FORMAT = 1;
    private final JsonMapper json;

    public OwnedFacts(JsonMapper json) {
        this.json = json;
    }

    /** The owner's API key id of a fact meant for one owner; null for any other fact. */
    String ownerOf(Fact fact) {
        if (fact.kind() != FactKinds.WEBHOOK_DISABLED && fact.kind() != FactKinds.OPERATION_COMPLETED
                && fact.kind() != FactKinds.PAYMENT_COMPLETED) {
            return null;
        }
        try {
            JsonNode body = json.readTree(new String(fact.body(), StandardCharsets.UTF_8));
            JsonNode owner = body.get("ownerKeyId");
            return owner == null || !owner.isString() ? null : owner.asString();
        } catch (JacksonException damaged) {
            throw new IllegalStateException("an owned fact's body is not JSON kind=" + fact.kind(), damaged);
        }
    }

    /** The fact telling an owner that corebank disabled one of its subscriptions. */
    Fact webhookDisabled(Subscription subscription, String reason) {
        return fact(FactKinds.WEBHOOK_DISABLED, new WebhookDisabled(FORMAT, subscription.id().toString(),
                subscription.ownerKeyId(), WebhookStore.shorten(subscription.url(), 512),
                WebhookStore.shorten(reason, 256)));
    }

    /** The fact telling an owner that one of its operations ended; {@code detail} is a JSON-ready record. */
    public Fact operationCompleted(Object detail) {
        return fact(FactKinds.OPERATION_COMPLETED, detail);
    }

    private record WebhookDisabled(int format, String subscriptionId, String ownerKeyId, String url, String reason) {
    }

    private Fact fact(int kind, Object body) {
        return new Fact(kind, json.writeValueAsBytes(body));
    }
}
