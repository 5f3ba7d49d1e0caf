package dev.corebank.server.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.events.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport must give the shared consumer mechanism, run against a real broker: a poison message reaches
 * the dead letters (the broker's and the table) after exactly the configured attempts while the rest of the stream
 * flows, malformed and foreign messages go there at once with their reason, a redelivered event is passed by, and a
 * replayed dead letter applies once.
 */
abstract class ConsumerTransportContract {
    static final int ATTEMPTS = 3;
    static final UUID DEBIT = UUID.fromString("00000000-0000-0000-0000-00000000d001");
    static final UUID CREDIT = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    final ConsumerDatabase database = new ConsumerDatabase();
    final String consumer = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final RecordingHandler handler = new RecordingHandler(consumer);
    final List<Long> pauses = new CopyOnWriteArrayList<>();
    final ConsumerStats stats = new ConsumerStats(consumer);
    private ConsumerLoop loop;

    /** The transport under test, for the handler's consumer. */
    abstract Transport transport(EventHandler handler);

    /** Publishes the event as the publisher would. */
    abstract void publish(CloudEvent event);

    /** Publishes a body with no CloudEvents headers at all. */
    abstract void publishWithoutHeaders(byte[] body);

    /** How many messages the transport carries for a posting between two accounts. */
    abstract int copiesOfAPosting();

    /** The most streams (partitions, queues) the consumer may keep a mark for. */
    abstract int streamsMax();

    /** The reason header of every message on the consumer's dead letters at the broker. */
    abstract List<String> brokerDeadLetterReasons();

    ConsumerPipeline start() {
        ConsumerPipeline pipeline = new ConsumerPipeline(handler, new EventWire(TestEvents.SOURCE),
                database.marks(consumer), database.deadLetters, stats, new RetryPolicy(ATTEMPTS, 10, 40), pauses::add,
                Clock.systemUTC());
        loop = new ConsumerLoop(pipeline, transport(handler), 64, Duration.ofMillis(50),
                new RetryPolicy(10, 10, 200), Duration.ofMillis(100));
        loop.start();
        return pipeline;
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void poisonIsDeadLetteredAfterExactlyTheAttemptsWhileTheStreamFlowsAndItsReplayAppliesOnce() {
        handler.failing.add("5-0");
        ConsumerPipeline pipeline = start();
        for (long sequence = 1; sequence <= 10; sequence++) {
            publish(TestEvents.posted(sequence, DEBIT, CREDIT, 100 * sequence));
            if (sequence == 3) {
                publishWithoutHeaders("not json at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (sequence == 6) {
                publish(TestEvents.foreign(6));
            }
        }
        List<String> allButThePoison = LongStream.rangeClosed(1, 10).filter(sequence -> sequence != 5)
                .mapToObj(sequence -> sequence + "-0").toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.applied.size() >= allButThePoison.size());
        assertThat(handler.applied).containsExactlyElementsOf(allButThePoison);
        assertThat(handler.attemptsAt("5-0")).isEqualTo(ATTEMPTS);
        assertThat(pauses).containsExactly(10L, 20L);
        assertThat(stats.retryCount()).isEqualTo(ATTEMPTS - 1);

        List<DeadLetter> letters = database.deadLetters.list(consumer, null, 10);
        assertThat(letters).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder("handler-failed", "malformed", "foreign");
        DeadLetter poison = letters.stream().filter(letter -> "5-0".equals(letter.eventId())
                && letter.reason().equals("handler-failed")).findFirst().orElseThrow();
        assertThat(poison.attempts()).isEqualTo(ATTEMPTS);
        assertThat(poison.cause()).contains("the downstream system refuses event=5-0");
        assertThat(poison.state()).isEqualTo(DeadLetter.DEAD);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(brokerDeadLetterReasons())
                .containsExactlyInAnyOrder("handler-failed", "malformed", "foreign"));

        // Redeliveries of passed events are passed by; the stream goes on after them.
        publish(TestEvents.posted(3, DEBIT, CREDIT, 300));
        publish(TestEvents.posted(7, DEBIT, CREDIT, 700));
        publish(TestEvents.posted(11, DEBIT, CREDIT, 1100));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.applied.contains("11-0"));
        List<String> expected = new ArrayList<>(allButThePoison);
        expected.add("11-0");
        assertThat(handler.applied).containsExactlyElementsOf(expected);
        assertThat(stats.duplicateCount()).isEqualTo(2L * copiesOfAPosting());

        // The downstream system is fixed: the replay applies the poison once, and a second replay does nothing.
        handler.failing.clear();
        assertThat(pipeline.replay(poison).result()).isEqualTo("applied");
        assertThat(pipeline.replay(database.deadLetters.find(poison.letterId()).orElseThrow()).result())
                .isEqualTo("already-replayed");
        assertThat(handler.applied).filteredOn("5-0"::equals).hasSize(1);
        DeadLetter replayed = database.deadLetters.find(poison.letterId()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(database.deadLetters.pending(consumer)).isEqualTo(2);
    }

    @Test
    void marksSurviveARestartSoARedeliveryAfterItIsPassedBy() throws InterruptedException {
        start();
        for (long sequence = 1; sequence <= 5; sequence++) {
            publish(TestEvents.posted(sequence, DEBIT, CREDIT, 100));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.applied.size() == 5);
        stopLoop();
        // A new consumer process: fresh memory, the same table and the same broker state.
        publish(TestEvents.posted(4, DEBIT, CREDIT, 100));
        publish(TestEvents.posted(6, DEBIT, CREDIT, 100));
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.applied.contains("6-0"));
        assertThat(handler.applied).containsExactly("1-0", "2-0", "3-0", "4-0", "5-0", "6-0");
        assertThat(database.jdbc.queryForObject("SELECT COUNT(*) FROM consumer_marks WHERE consumer = ?",
                Integer.class, consumer)).isBetween(1, streamsMax());
        assertThat(stats.position()).isEqualTo(6);
    }
}
