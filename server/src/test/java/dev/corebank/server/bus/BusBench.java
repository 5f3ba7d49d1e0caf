package dev.corebank.server.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The event bus benchmark ({@code ./corebank bench bus}): in one run, on one machine,
 * <ol>
 *   <li>the engine's own rate: transfers appended to a file journal with fsync, in batches, 4 batches in flight;</li>
 *   <li>journal to Kafka: the Kafka publisher catching up on that journal (every transfer is two records);</li>
 *   <li>journal to RabbitMQ: the RabbitMQ publisher catching up on a smaller journal, confirms awaited, into a
 *       durable queue;</li>
 *   <li>publish lag: the engine fed at half the measured Kafka rate for a while, and the lag from each entry's engine
 *       time to the broker's acknowledgement of its run (p50, p99, max).</li>
 * </ol>
 * Options: {@code --quick} (smaller counts), {@code --kafka HOST:PORT} (an existing broker, such as
 * {@code ./corebank kafka}; otherwise one runs in this JVM), {@code --rabbitmq URI} (default the local guest).
 * It sends traffic only to loopback brokers and stops by itself.
 */
public final class BusBench {
    private static final int BATCH = 1000;
    private static final int IN_FLIGHT = 4;
    private static final int ACCOUNTS = 1000;
    /** The runtime's limits for the publishers: the defaults, or larger runs with {@code --events-per-run N}. */
    private static ReactorProperties limits = ReactorProperties.defaults();
    /** The Kafka producer's compression: the default, or {@code --compression none|lz4|zstd|...}. */
    private static String compression = KafkaBusProperties.COMPRESSION_TYPE_DEFAULT;

    private BusBench() {
    }

    public static void main(String[] arguments) throws Exception {
        TestKafka.quietKafkaLogs();
        boolean quick = List.of(arguments).contains("--quick");
        String kafka = option(arguments, "--kafka", null);
        String rabbit = option(arguments, "--rabbitmq", TestRabbit.URI);
        for (String broker : new String[] {kafka == null ? "127.0.0.1:1" : kafka, rabbit}) {
            if (!broker.contains("127.0.0.1") && !broker.contains("localhost")) {
                throw new IllegalArgumentException("the benchmark talks to loopback brokers only broker=" + broker);
            }
        }
        int eventsPerRun = Integer.parseInt(option(arguments, "--events-per-run",
                Integer.toString(ReactorProperties.EVENTS_PER_RUN_MAX_DEFAULT)));
        limits = limits.withRunLimits(ReactorProperties.ENTRIES_PER_RUN_MAX_DEFAULT, eventsPerRun);
        compression = option(arguments, "--compression", compression);
        int kafkaTransfers = quick ? 200_000 : 1_000_000;
        int rabbitTransfers = quick ? 50_000 : 200_000;
        int lagSeconds = quick ? 5 : 15;
        EmbeddedKafkaKraftBroker embedded = kafka == null ? TestKafka.start() : null;
        String bootstrap = kafka == null ? embedded.getBrokersAsString() : kafka;
        Path directory = Files.createTempDirectory("corebank-bus-bench");
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f, java %s; kafka %s; rabbitmq %s;"
                        + " events per run at most %d; compression %s%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), kafka == null ? "in this JVM (" + bootstrap + ")" : bootstrap,
                rabbit, eventsPerRun, compression);
        try {
            double kafkaRate = kafkaPhase(directory.resolve("kafka"), bootstrap, kafkaTransfers);
            rabbitPhase(directory.resolve("rabbit"), rabbit, rabbitTransfers);
            lagPhase(directory.resolve("lag"), bootstrap, kafkaRate / 2, lagSeconds);
        } finally {
            if (embedded != null) {
                embedded.destroy();
            }
        }
    }

    private static double kafkaPhase(Path directory, String bootstrap, int transfers) throws Exception {
        try (LedgerEngine engine = LedgerEngine.open(config(directory));
             ReadModelDatabase database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory)) {
            double engineRate = fill(engine, transfers);
            System.out.printf(Locale.ROOT, "engine: %,d transfers in batches of %d, fsync: %,.0f transfers/s%n",
                    transfers, BATCH, engineRate);
            KafkaPublisher publisher = new KafkaPublisher(kafkaProperties(bootstrap, "bench.events."
                    + UUID.randomUUID()), BusFixtures.CLOUD_EVENTS, meters(), receipts(database));
            double seconds = catchUp(engine, database, publisher, KafkaPublisher.NAME);
            double events = ACCOUNTS + transfers;
            System.out.printf(Locale.ROOT, "journal -> kafka: %,.0f events in %.2f s: %,.0f events/s, %,.0f"
                    + " records/s (a transfer is 2 records); %.2f of the engine's rate%n", events, seconds,
                    events / seconds, (ACCOUNTS + 2.0 * transfers) / seconds, events / seconds / engineRate);
            return events / seconds;
        }
    }

    private static void rabbitPhase(Path directory, String uri, int transfers) throws Exception {
        String exchange = "bench.events." + UUID.randomUUID();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("corebank-bench");
             Channel channel = connection.createChannel();
             LedgerEngine engine = LedgerEngine.open(config(directory));
             ReadModelDatabase database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory)) {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare(exchange + ".all", true, false, false, null).getQueue();
            channel.queueBind(queue, exchange, "#");
            try {
                fill(engine, transfers);
                RabbitPublisher publisher = new RabbitPublisher(RabbitBusProperties.of(uri, exchange),
                        BusFixtures.CLOUD_EVENTS, meters(), receipts(database));
                double seconds = catchUp(engine, database, publisher, RabbitPublisher.NAME);
                double events = ACCOUNTS + transfers;
                System.out.printf(Locale.ROOT, "journal -> rabbitmq: %,.0f persistent messages, confirmed, into a"
                        + " durable queue in %.2f s: %,.0f messages/s (queue holds %,d)%n", events, seconds,
                        events / seconds, channel.messageCount(queue));
            } finally {
                channel.queueDelete(queue);
                channel.exchangeDelete(exchange);
            }
        }
    }

    private static void lagPhase(Path directory, String bootstrap, double eventsPerSecond, int seconds)
            throws Exception {
        try (LedgerEngine engine = LedgerEngine.open(config(directory));
             ReadModelDatabase database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory)) {
            openAccounts(engine);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            registry.config().meterFilter(new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).build().merge(config);
                }
            });
            BusMeters meters = new BusMeters(registry, Clock.systemUTC());
            KafkaPublisher publisher = new KafkaPublisher(kafkaProperties(bootstrap, "bench.lag."
                    + UUID.randomUUID()), BusFixtures.CLOUD_EVENTS, meters, receipts(database));
            ReactorRuntime runtime = new ReactorRuntime(engine, List.<Reactor>of(publisher), database.jdbc(),
                    limits, Clock.systemUTC());
            runtime.start();
            try {
                int batch = 100;
                long intervalNanos = (long) (1e9 * batch / eventsPerSecond);
                long startNanos = System.nanoTime();
                long endNanos = startNanos + TimeUnit.SECONDS.toNanos(seconds);
                Random random = new Random(3);
                Deque<CompletableFuture<BatchResult>> inFlight = new ArrayDeque<>();
                long sent = 0;
                for (long next = startNanos; next < endNanos; next += intervalNanos) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    inFlight.add(engine.createTransfers(transfers(random, batch), TraceId.NONE));
                    sent += batch;
                    while (inFlight.size() > 64 || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                        inFlight.poll().get(30, TimeUnit.SECONDS);
                    }
                }
                for (CompletableFuture<BatchResult> future : inFlight) {
                    future.get(30, TimeUnit.SECONDS);
                }
                double achieved = sent / ((System.nanoTime() - startNanos) / 1e9);
                awaitPosition(runtime, KafkaPublisher.NAME, engine.committedPosition());
                var snapshot = meters.lag(KafkaPublisher.NAME).takeSnapshot();
                StringBuilder percentiles = new StringBuilder();
                for (ValueAtPercentile value : snapshot.percentileValues()) {
                    percentiles.append(String.format(Locale.ROOT, " p%s=%.1f ms", trim(value.percentile() * 100),
                            value.value(TimeUnit.MILLISECONDS)));
                }
                System.out.printf(Locale.ROOT, "publish lag at %,.0f events/s offered (%,.0f achieved by the engine,"
                        + " half the kafka rate): %,d entries,%s max=%.1f ms%n", eventsPerSecond, achieved,
                        snapshot.count(), percentiles, snapshot.max(TimeUnit.MILLISECONDS));
            } finally {
                runtime.stop();
                publisher.close();
            }
        }
    }

    /** Opens the accounts and appends {@code transfers} in batches; returns the engine's transfers per second. */
    private static double fill(LedgerEngine engine, int transfers) throws Exception {
        openAccounts(engine);
        Random random = new Random(1);
        Deque<CompletableFuture<BatchResult>> inFlight = new ArrayDeque<>();
        long startNanos = System.nanoTime();
        for (int sent = 0; sent < transfers; sent += BATCH) {
            inFlight.add(engine.createTransfers(transfers(random, Math.min(BATCH, transfers - sent)), TraceId.NONE));
            if (inFlight.size() >= IN_FLIGHT) {
                inFlight.poll().get(60, TimeUnit.SECONDS);
            }
        }
        for (CompletableFuture<BatchResult> future : inFlight) {
            future.get(60, TimeUnit.SECONDS);
        }
        return transfers / ((System.nanoTime() - startNanos) / 1e9);
    }

    /** Runs the publisher alone from the journal's start until it has published all of it; returns the seconds. */
    private static double catchUp(LedgerEngine engine, ReadModelDatabase database, Reactor publisher, String name)
            throws Exception {
        ReactorRuntime runtime = new ReactorRuntime(engine, List.of(publisher), database.jdbc(), limits,
                Clock.systemUTC());
        long startNanos = System.nanoTime();
        runtime.start();
        try {
            awaitPosition(runtime, name, engine.committedPosition());
            return (System.nanoTime() - startNanos) / 1e9;
        } finally {
            runtime.stop();
            if (publisher instanceof KafkaPublisher kafka) {
                kafka.close();
            } else if (publisher instanceof RabbitPublisher rabbit) {
                rabbit.close();
            }
        }
    }

    private static void awaitPosition(ReactorRuntime runtime, String name, long position) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (runtime.status(name).orElseThrow().position() < position) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the publisher did not catch up in time status="
                        + runtime.status(name).orElseThrow());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void openAccounts(LedgerEngine engine) throws Exception {
        List<Account> accounts = new ArrayList<>(ACCOUNTS);
        for (int index = 0; index < ACCOUNTS; index++) {
            accounts.add(Account.open(new UUID(0xbe, index + 1), BusFixtures.USD, AccountType.LIABILITY, 2000,
                    AccountFlags.NONE));
        }
        engine.createAccounts(accounts, TraceId.NONE).get(60, TimeUnit.SECONDS);
    }

    private static List<Transfer> transfers(Random random, int count) {
        List<Transfer> transfers = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int debit = random.nextInt(ACCOUNTS);
            int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            transfers.add(Transfer.of(UUID.randomUUID(), new UUID(0xbe, debit + 1), new UUID(0xbe, credit + 1),
                    1 + random.nextInt(10_000), BusFixtures.USD, 1));
        }
        return transfers;
    }

    private static LedgerConfig config(Path directory) {
        return LedgerConfig.defaults(directory.resolve("ledger")).withLimits(10_000, 4_000_000);
    }

    private static KafkaBusProperties kafkaProperties(String bootstrap, String topic) {
        KafkaBusProperties defaults = KafkaBusProperties.of(bootstrap, topic);
        return new KafkaBusProperties(bootstrap, topic, defaults.partitions(), defaults.replicationFactor(),
                defaults.retentionHours(), defaults.lingerMillis(), defaults.batchSizeBytes(), compression,
                defaults.requestTimeoutMillis(), defaults.deliveryTimeoutMillis(), true);
    }

    private static BusMeters meters() {
        return BusMeters.unregistered();
    }

    private static PublishReceipts receipts(ReadModelDatabase database) {
        return new PublishReceipts(database.jdbc(), Clock.systemUTC(), PublishReceipts.RETAINED_ENTRIES_DEFAULT);
    }

    private static String option(String[] arguments, String name, String fallback) {
        for (int index = 0; index + 1 < arguments.length; index++) {
            if (arguments[index].equals(name)) {
                return arguments[index + 1];
            }
        }
        return fallback;
    }

    private static String trim(double percentile) {
        return percentile == Math.floor(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
