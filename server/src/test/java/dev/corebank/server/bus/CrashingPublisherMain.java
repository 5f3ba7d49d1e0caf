package dev.corebank.server.bus;

import com.zaxxer.hikari.HikariDataSource;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The process a bus crash test kills: a ledger engine and a reactor runtime running the Kafka and RabbitMQ
 * publishers, under a stream of transfer entries kept a little ahead of the publishers (so they are mid-run when
 * killed), until the journal has {@link #ENTRIES_MAX} entries. It prints a progress line after each entry, and runs
 * until the test ends it with SIGKILL.
 *
 * <p>Arguments: the directory (the journal lives under {@code ledger/}), the checkpoint database's JDBC URL and user,
 * the Kafka bootstrap servers and topic, the RabbitMQ URI and exchange, and a seed.
 */
final class CrashingPublisherMain {
    static final String PROGRESS = "bus-crash-test-progress";
    static final int ENTRIES_MAX = 300;
    /** How far the journal runs ahead of the slower publisher, in entries. */
    private static final long AHEAD_ENTRIES_MAX = 12;

    private CrashingPublisherMain() {
    }

    public static void main(String[] arguments) throws Exception {
        TestKafka.quietKafkaLogs();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(arguments[1]);
        dataSource.setUsername(arguments[2]);
        dataSource.setPassword("");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        LedgerEngine engine = LedgerEngine.open(BusFixtures.engineConfig(Path.of(arguments[0])));
        BusFixtures.openAccounts(engine);
        ReactorRuntime runtime = new ReactorRuntime(engine, publishers(jdbc, arguments), jdbc,
                KafkaPublisherTest.FAST, Clock.systemUTC());
        runtime.start();
        Random random = new Random(Long.parseLong(arguments[7]));
        while (true) {
            long kafka = runtime.status(KafkaPublisher.NAME).orElseThrow().position();
            long rabbit = runtime.status(RabbitPublisher.NAME).orElseThrow().position();
            long journal = engine.committedPosition();
            if (journal < ENTRIES_MAX && journal - Math.min(kafka, rabbit) < AHEAD_ENTRIES_MAX) {
                BusFixtures.appendTransfers(engine, 1, random);
            } else {
                // Let the publishers catch up before more entries; this pacing is the load's, not a test's wait.
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            System.out.println(PROGRESS + " journal=" + engine.committedPosition() + " kafka=" + kafka + " rabbit="
                    + rabbit);
        }
    }

    static List<Reactor> publishers(JdbcTemplate jdbc, String[] arguments) {
        PublishReceipts receipts = new PublishReceipts(jdbc, Clock.systemUTC(),
                PublishReceipts.RETAINED_ENTRIES_DEFAULT);
        return List.of(
                new KafkaPublisher(KafkaBusProperties.of(arguments[3], arguments[4]), BusFixtures.CLOUD_EVENTS,
                        BusMeters.unregistered(), receipts),
                new RabbitPublisher(RabbitBusProperties.of(arguments[5], arguments[6]), BusFixtures.CLOUD_EVENTS,
                        BusMeters.unregistered(), receipts));
    }
}
