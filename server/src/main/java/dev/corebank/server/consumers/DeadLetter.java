package dev.corebank.server.consumers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message a consumer gave up on, as kept for an operator: the message itself (so it can be replayed), why it was
 * given up, and whether it was replayed since.
 *
 * @param letterId    derived from the consumer and the event id (or, for a message without a usable id, a digest of
 *                    the message), so the same message dead-lettered twice is one letter
 * @param eventId     the event id, null when the message had none
 * @param copy        which copy of the event the message was (see {@link Delivery#copy()})
 * @param copyKey     the account the copy was for, or null
 * @param reason      {@code malformed}, {@code foreign}, {@code handler-failed} or {@code delivery-limit}
 * @param cause       what failed, for people: the exception or the decoding problem
 * @param attempts    how often the handler was called (0 for a message that never reached it)
 * @param state       {@code DEAD} until replayed, then {@code REPLAYED}; {@code REPLAYING} while a replay runs
 * @param replayedAt  when it was replayed, or null
 */
public record DeadLetter(
        UUID letterId,
        String consumer,
        String transport,
        String stream,
        String origin,
        String eventId,
        String eventType,
        Map<String, String> attributes,
        String contentType,
        byte[] body,
        int copy,
        String copyKey,
        String reason,
        String cause,
        int attempts,
        Instant deadAt,
        String state,
        Instant replayedAt) {

    public static final String DEAD = "DEAD";
    public static final String REPLAYING = "REPLAYING";
    public static final String REPLAYED = "REPLAYED";
    public static final String REASON_HANDLER_FAILED = "handler-failed";
    public static final String REASON_DELIVERY_LIMIT = "delivery-limit";
    /** Longest cause kept; a stack trace belongs in the log. */
    public static final int CAUSE_CHARS_MAX = 1000;

    public DeadLetter {
        Objects.requireNonNull(letterId, "letterId");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(reason, "reason");
        attributes = Map.copyOf(attributes);
        cause = cause == null ? "" : cause.length() <= CAUSE_CHARS_MAX ? cause : cause.substring(0, CAUSE_CHARS_MAX);
    }

    /** The same letter in another state. */
    DeadLetter withState(String newState, Instant newReplayedAt) {
        return new DeadLetter(letterId, consumer, transport, stream, origin, eventId, eventType, attributes,
                contentType, body, copy, copyKey, reason, cause, attempts, deadAt, newState, newReplayedAt);
    }

    /** The delivery the letter was made from, to decode it again for a replay. */
    Delivery delivery() {
        return new Delivery(stream, attributes, contentType, body, copy, copyKey, 0, -1, origin);
    }
}
