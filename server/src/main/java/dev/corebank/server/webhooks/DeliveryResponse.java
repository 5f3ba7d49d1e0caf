package dev.corebank.server.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event's delivery to one subscription, with every attempt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeliveryResponse(long id, UUID subscriptionId, String eventId, String eventType, long journalSequence,
                        String state, int attemptsInRound, int attemptsTotal, Instant nextAttemptAt, Integer lastStatus,
                        Instant createdAt, Instant finishedAt, List<AttemptResponse> attempts) {

    /** One attempt as the log has it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptResponse(int attempt, Instant at, Integer status, long latencyMillis, String outcome, String error,
                           String responseExcerpt) {
        static AttemptResponse of(WebhookStore.Attempt attempt) {
            return new AttemptResponse(attempt.attempt(), Instant.ofEpochMilli(attempt.attemptedAtMillis()),
                    attempt.status(), attempt.latencyMillis(), attempt.outcome(), attempt.error(),
                    attempt.responseExcerpt());
        }
    }

    static DeliveryResponse of(WebhookStore.Delivery delivery, List<WebhookStore.Attempt> attempts) {
        return new DeliveryResponse(delivery.id(), delivery.subscriptionId(), delivery.eventId(), delivery.eventType(),
                delivery.journalSequence(), delivery.state(), delivery.attempts(), delivery.attemptsTotal(),
                delivery.state().equals(WebhookStore.PENDING) ? Instant.ofEpochMilli(delivery.nextAttemptAtMillis())
                        : null, delivery.lastStatus(), Instant.ofEpochMilli(delivery.createdAtMillis()),
                delivery.finishedAtMillis() == null ? null : Instant.ofEpochMilli(delivery.finishedAtMillis()),
                attempts.stream().map(AttemptResponse::of).toList());
    }
}
