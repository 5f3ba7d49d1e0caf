package dev.corebank.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.reactor.ReactorRuntime;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kill -9 of a process publishing the journal to a real Kafka and the machine's RabbitMQ, {@link #KILLS} times, each
 * at a random point of its publishing; then one more start catches up. Kafka holds every copy of every journal event
 * exactly once, in order per key, with no id carrying two contents; RabbitMQ holds every event at least once, its
 * first arrivals in journal order, with no id carrying two contents.
 */
class PublishersSurviveKillNineTest {
    static final int KILLS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PublishersSurviveKillNineTest.class);
    private static final Pattern PROGRESS = Pattern.compile(".* journal=(\\d+) kafka=(\\d+) rabbit=(\\d+)");

    @TempDir
    Path directory;

    @Test
    void shouldPublishEveryJournalEventAfterRepeatedKillsWithNothingLostAndNoIdWithTwoContents() throws Exception {
        TestKafka.quietKafkaLogs();
        String bootstrap = TestKafka.shared();
        String topic = "test.crash." + UUID.randomUUID();
        Path crashed = directory.resolve("crashed");
        ReadModelDatabase.Address address = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, crashed).detach();
        Random random = new Random(20);
        try (TestRabbit rabbit = TestRabbit.collecting("test.crash")) {
            String[] arguments = {crashed.toString(), address.url(), address.user(), bootstrap, topic, TestRabbit.URI,
                    rabbit.exchange(), "0"};
            for (int kill = 0; kill < KILLS; kill++) {
                arguments[7] = Long.toString(random.nextLong());
                runAndKill(arguments, 1 + random.nextInt(10));
            }
            try (LedgerEngine engine = LedgerEngine.open(BusFixtures.engineConfig(crashed));
                 ReadModelDatabase attached = ReadModelDatabase.attach(address)) {
                ReactorRuntime runtime = new ReactorRuntime(engine, CrashingPublisherMain.publishers(attached.jdbc(),
                        arguments), attached.jdbc(), KafkaPublisherTest.FAST, Clock.systemUTC());
                runtime.start();
                try {
                    await().atMost(KafkaPublisherTest.WAIT).until(() -> runtime.statuses().stream()
                            .allMatch(status -> status.position() == engine.committedPosition()));
                } finally {
                    runtime.stop();
                }
                List<CloudEvent> journal = BusFixtures.journalEvents(engine);
                assertThat(engine.committedPosition()).as("the kills came while the journal grew").isGreaterThan(20);
                BusFixtures.assertTopicHoldsTheJournalOnce(TestKafka.readAll(bootstrap, topic), journal);
                long repeats = BusFixtures.assertQueueHoldsTheJournal(rabbit.drain(), journal);
                LOG.info("after {} kills: journal={} events={} rabbitRepeats={}", KILLS, engine.committedPosition(),
                        journal.size(), repeats);
            }
        }
    }

    /** Runs the publishing process until both publishers moved {@code entries} past where they started; then kills. */
    private static void runAndKill(String[] arguments, int entries) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Flags for a fast start: the process lives for seconds, so the C1 compiler and the serial collector suffice.
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k", "-cp",
                System.getProperty("java.class.path"), CrashingPublisherMain.class.getName()));
        command.addAll(List.of(arguments));
        long startedNanos = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long firstProgressNanos = 0;
        long firstPublishedNanos = 0;
        try (BufferedReader output = process.inputReader()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long firstKafka = -1;
            long firstRabbit = -1;
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                Matcher progress = PROGRESS.matcher(line);
                if (!line.startsWith(CrashingPublisherMain.PROGRESS) || !progress.matches()) {
                    continue;
                }
                firstProgressNanos = firstProgressNanos == 0 ? System.nanoTime() : firstProgressNanos;
                long kafka = Long.parseLong(progress.group(2));
                long rabbit = Long.parseLong(progress.group(3));
                if (firstKafka < 0 && kafka > 0) {
                    firstKafka = kafka;
                    firstRabbit = rabbit;
                    firstPublishedNanos = System.nanoTime();
                }
                boolean moved = firstKafka >= 0 && kafka >= firstKafka + entries && rabbit >= firstRabbit + entries;
                boolean done = Long.parseLong(progress.group(1)) >= CrashingPublisherMain.ENTRIES_MAX;
                if (moved || done) {
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        LOG.info("killed: firstProgressMillis={} firstPublishedMillis={} killedMillis={}",
                TimeUnit.NANOSECONDS.toMillis(firstProgressNanos - startedNanos),
                TimeUnit.NANOSECONDS.toMillis(firstPublishedNanos - startedNanos),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
