package dev.corebank.server.consumers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mechanism every consumer runs a message through, whatever the broker: decode, deduplicate, hand to the
 * handler with bounded retries and backoff, and dead-letter what cannot be applied. Poison (a malformed or foreign
 * message) is dead-lettered at once; a handler failure after {@link RetryPolicy#attemptsMax()} attempts; a message
 * the broker delivered that often before without an answer (the consumer died on it) before it is tried again. A
 * dead-lettered message counts as passed, so it never blocks its stream.
 */
public final class ConsumerPipeline {
    /** What became of one message. */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED, DEAD_LETTERED }

    /** Waits between attempts; a test may pass one that records instead. */
    @FunctionalInterface
    public interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPipeline.class);
    private final EventHandler handler;
    private final EventWire wire;
    private final DedupMarks marks;
    private final DeadLetterStore deadLetters;
    private final ConsumerStats stats;
    private final RetryPolicy retry;
    private final Pause pause;
    private final Clock clock;

    ConsumerPipeline(EventHandler handler, EventWire wire, DedupMarks marks, DeadLetterStore deadLetters,
                     ConsumerStats stats, RetryPolicy retry, Pause pause, Clock clock) {
        this.handler = handler;
        this.wire = wire;
        this.marks = marks;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.retry = retry;
        this.pause = pause;
        this.clock = clock;
    }

    public String consumer() {
        return handler.name();
    }

    EventHandler handler() {
        return handler;
    }

    DedupMarks marks() {
        return marks;
    }

    ConsumerStats stats() {
        return stats;
    }

    /** Runs one delivery through; the transport's dead letters take what is given up. */
    Outcome process(Delivery delivery, Transport transport) throws InterruptedException {
        ReceivedEvent event;
        try {
            event = wire.decode(delivery.attributes(), delivery.contentType(), delivery.body(), delivery.copy(),
                    delivery.key());
        } catch (PoisonMessage poison) {
            deadLetter(delivery, transport, null, poison.reason().wireName(), poison.getMessage(), 0);
            return Outcome.DEAD_LETTERED;
        }
        if (marks.seen(delivery.stream(), event.sequence(), event.index(), event.copy())) {
            stats.duplicate();
            return Outcome.DUPLICATE;
        }
        Outcome outcome = apply(delivery, transport, event);
        marks.advance(delivery.stream(), event.sequence(), event.index(), event.copy());
        stats.position(event.sequence());
        return outcome;
    }

    private Outcome apply(Delivery delivery, Transport transport, ReceivedEvent event) throws InterruptedException {
        if (!handler.types().contains(event.shortType())) {
            stats.ignored();
            return Outcome.IGNORED;
        }
        if (delivery.previousDeliveries() >= retry.attemptsMax()) {
            deadLetter(delivery, transport, event, DeadLetter.REASON_DELIVERY_LIMIT, "delivered "
                    + delivery.previousDeliveries() + " times before without being acknowledged", 0);
            return Outcome.DEAD_LETTERED;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(event);
                stats.applied();
                return Outcome.APPLIED;
            } catch (RuntimeException failure) {
                String cause = describe(failure);
                stats.failed(cause);
                if (attempt >= retry.attemptsMax()) {
                    LOG.warn("consumer={} event={} gave up after attempts={}: {}", consumer(), event.id(), attempt,
                            cause, failure);
                    deadLetter(delivery, transport, event, DeadLetter.REASON_HANDLER_FAILED, cause, attempt);
                    return Outcome.DEAD_LETTERED;
                }
                stats.retried();
                LOG.info("consumer={} event={} attempt={} failed, retrying: {}", consumer(), event.id(), attempt,
                        cause);
                pause.millis(retry.backoffMillis(attempt));
            }
        }
    }

    private void deadLetter(Delivery delivery, Transport transport, ReceivedEvent event, String reason, String cause,
                            int attempts) {
        String eventId = event != null ? event.id() : delivery.attributes().get("id");
        UUID letterId = letterId(consumer(), delivery, event == null ? null
                : event.copy() == 0 ? event.id() : event.id() + "/" + event.copy());
        DeadLetter letter = new DeadLetter(letterId, consumer(), transport.name(),
                delivery.stream(), delivery.origin(), clip(eventId, 64), delivery.attributes().get("type"),
                delivery.attributes(), delivery.contentType(), delivery.body(), delivery.copy(), delivery.key(),
                reason, cause, attempts,
                clock.instant(), DeadLetter.DEAD, null);
        // The broker's copy first: once both exist the message may be acknowledged.
        transport.deadLetter(delivery, letter);
        if (deadLetters.add(letter)) {
            stats.deadLettered();
        }
        LOG.warn("consumer={} dead-lettered letter={} event={} reason={} cause={}", consumer(), letter.letterId(),
                eventId, reason, cause);
    }

    /**
     * Applies a dead letter's message again, once: the letter is claimed (DEAD to REPLAYING) before the handler
     * runs and marked REPLAYED after, so a second replay, or two at once, cannot apply it twice. A replay that fails
     * leaves the letter DEAD, with the failure returned.
     */
    ReplayResult replay(DeadLetter letter) {
        if (!deadLetters.transition(letter.letterId(), DeadLetter.DEAD, DeadLetter.REPLAYING, null)) {
            boolean replaying = deadLetters.find(letter.letterId()).map(DeadLetter::state)
                    .filter(DeadLetter.REPLAYING::equals).isPresent();
            return replaying ? ReplayResult.inProgress(letter.letterId())
                    : ReplayResult.alreadyReplayed(letter.letterId());
        }
        try {
            Delivery delivery = letter.delivery();
            ReceivedEvent event = wire.decode(delivery.attributes(), delivery.contentType(), delivery.body(),
                    delivery.copy(), delivery.key());
            handler.handle(event);
        } catch (RuntimeException failure) {
            deadLetters.transition(letter.letterId(), DeadLetter.REPLAYING, DeadLetter.DEAD, null);
            return ReplayResult.failed(letter.letterId(), describe(failure));
        }
        deadLetters.transition(letter.letterId(), DeadLetter.REPLAYING, DeadLetter.REPLAYED, clock.instant());
        stats.replayed();
        return ReplayResult.applied(letter.letterId());
    }

    /** The result of a replay: applied now, applied before, or failed again with its cause. */
    public record ReplayResult(UUID letterId, String result, String cause) {
        static ReplayResult applied(UUID letterId) {
            return new ReplayResult(letterId, "applied", null);
        }

        static ReplayResult alreadyReplayed(UUID letterId) {
            return new ReplayResult(letterId, "already-replayed", null);
        }

        static ReplayResult inProgress(UUID letterId) {
            return new ReplayResult(letterId, "in-progress", null);
        }

        static ReplayResult failed(UUID letterId, String cause) {
            return new ReplayResult(letterId, "failed", cause);
        }
    }

    /**
     * The letter id: from the consumer and the event id, or for poison (whose id may be anyone's) from a digest of
     * the whole message.
     */
    static UUID letterId(String consumer, Delivery delivery, String eventId) {
        if (eventId != null && eventId.length() <= 64) {
            return UUID.nameUUIDFromBytes((consumer + "\n" + eventId).getBytes(StandardCharsets.UTF_8));
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((consumer + "\n" + delivery.stream() + "\n" + delivery.copy() + "\n" + delivery.key() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> attribute : new TreeMap<>(delivery.attributes()).entrySet()) {
                digest.update((attribute.getKey() + "=" + attribute.getValue() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(delivery.body());
            return UUID.nameUUIDFromBytes(HexFormat.of().formatHex(digest.digest())
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String clip(String text, int charsMax) {
        return text == null || text.length() <= charsMax ? text : text.substring(0, charsMax);
    }
}
