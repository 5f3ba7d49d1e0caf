package dev.corebank.server.consumers;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Profile;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.CorebankApplication;
import dev.corebank.server.accounts.ProfileCipher;
import dev.corebank.server.bus.RabbitMessages;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.consumers.aml.AmlMonitor;
import dev.corebank.server.consumers.notifications.CustomerNotifications;
import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Consumer throughput of each bank service, run with {@code ./corebank bench consumers [POSTINGS]} (see
 * docs/BENCHMARKS.md). The server runs in this process (roles off, so nothing else consumes); a backlog of
 * {@code account.opened} events for 1,000 customers (half in English, half in Burmese) and POSTINGS
 * {@code transfer.posted} events between them is put on the broker first, then each consumer drains it alone and is
 * timed from its start to its last message. Each consumer is the real one: the library's loop and pipeline over the
 * real transport, with the real service as its handler. The baseline is the same loop, pipeline and transport with a
 * handler that does nothing, measured in the same run: the ratio is what the service itself costs. On RabbitMQ each
 * event is one message; on Kafka a posting is two records (one per account).
 *
 * <p>The AML rules are set so that none fires (a threshold and velocity no posting reaches): the benchmark measures
 * their evaluation and the account lookups, not journal writes of alerts. Everything stays on loopback and stops by
 * itself.
 */
public final class ConsumerBench {
    static final int ACCOUNTS = 1_000;
    static final String SOURCE = "/corebank-bench";
    static final int USD = 840;

    private ConsumerBench() {
    }

    public static void main(String[] arguments) throws Exception {
        int postings = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 20_000;
        String rabbitmqUri = System.getProperty("corebank.bench.rabbitmq-uri", "amqp://guest:guest@127.0.0.1:5672");
        Path data = Files.createTempDirectory("corebank-consumer-bench");
        // System properties, so that they win over application.yml's environment defaults (data directory, port).
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("corebank.data-directory", data.toString());
        properties.put("corebank.bootstrap.demo", "false");
        properties.put("corebank.bootstrap.admin-key", "bench-admin-key-0123456789abcdef");
        properties.put("corebank.events.source", SOURCE);
        properties.put("corebank.aml.threshold-minor", "1000000000000");
        properties.put("corebank.aml.velocity-postings-max", "1000000");
        properties.put("server.port", "0");
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("logging.level.kafka", "WARN");
        properties.put("logging.level.dev.corebank.server.consumers", "WARN");
        properties.forEach(System::setProperty);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CorebankApplication.class).run()) {
            Backlog backlog = backlog(app, postings);
            System.out.printf("consumer bench: %d accounts, %d postings, %d cores, java %s%n", ACCOUNTS, postings,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            List<String> lines = new ArrayList<>();
            lines.addAll(rabbitmq(app, backlog, rabbitmqUri));
            lines.addAll(kafka(app, backlog));
            System.out.println("| transport | consumer | messages | seconds | messages/s | ratio to baseline |");
            System.out.println("|---|---|---|---|---|---|");
            lines.forEach(System.out::println);
        }
    }

    /** What is put on the bus: the accounts' openings, then the postings, in journal order. */
    record Backlog(List<CloudEvent> events, int postings) {
    }

    private static Backlog backlog(ConfigurableApplicationContext app, int postings) {
        Commands commands = app.getBean(Commands.class);
        ProfileCipher cipher = app.getBean(ProfileCipher.class);
        List<UUID> accounts = new ArrayList<>();
        List<Account> toOpen = new ArrayList<>();
        List<Profile> profiles = new ArrayList<>();
        for (int index = 0; index < ACCOUNTS; index++) {
            UUID id = UUID.randomUUID();
            accounts.add(id);
            toOpen.add(Account.open(id, USD, AccountType.LIABILITY, 2001, AccountFlags.NONE));
            profiles.add(cipher.seal(id, "Customer " + index, "C-" + index, index % 2 == 0 ? "en" : "my"));
        }
        for (int from = 0; from < ACCOUNTS; from += 500) {
            commands.submit(new LedgerCommand.CreateAccounts(toOpen.subList(from, from + 500),
                    profiles.subList(from, from + 500), false), Commands.system("consumer bench", TraceId.NONE));
        }
        List<CloudEvent> events = new ArrayList<>();
        long sequence = 0;
        long timeNanos = 1_780_000_000_000_000_000L;
        for (int index = 0; index < ACCOUNTS; index++) {
            String body = "{\"accountId\":\"" + accounts.get(index) + "\",\"ledger\":\"USD\",\"ledgerNumber\":840,"
                    + "\"type\":\"LIABILITY\",\"code\":2001,\"flags\":[],\"timestamp\":\"2026-06-01T00:00:00Z\","
                    + "\"profile\":{\"sealed\":\"" + Base64.getEncoder().encodeToString(profiles.get(index).bytes())
                    + "\"}}";
            sequence++;
            events.add(new CloudEvent(CloudEvent.idOf(sequence, 0), SOURCE, "dev.corebank.account.opened.v1",
                    accounts.get(index).toString(), timeNanos + sequence * 1_000_000, sequence, 0,
                    "%064x".formatted(sequence), null, List.of(accounts.get(index).toString()), "usd",
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int posting = 0; posting < postings; posting++) {
            UUID debit = accounts.get(random.nextInt(ACCOUNTS));
            UUID credit = accounts.get(random.nextInt(ACCOUNTS));
            if (debit.equals(credit)) {
                credit = accounts.get((accounts.indexOf(debit) + 1) % ACCOUNTS);
            }
            sequence++;
            UUID transfer = new UUID(0xBE7C, sequence);
            String body = "{\"transferId\":\"" + transfer + "\",\"debitAccountId\":\"" + debit
                    + "\",\"creditAccountId\":\"" + credit + "\",\"amount\":" + (1 + random.nextInt(50_000))
                    + ",\"ledger\":\"USD\",\"ledgerNumber\":840,\"code\":1,\"flags\":[],\"pendingId\":null,"
                    + "\"timeoutSeconds\":0,\"reference\":\"bench " + posting + "\",\"timestamp\":\"2026-06-01T00:00:00Z\"}";
            events.add(new CloudEvent(CloudEvent.idOf(sequence, 0), SOURCE, "dev.corebank.transfer.posted.v1",
                    transfer.toString(), timeNanos + sequence * 1_000_000, sequence, 0, "%064x".formatted(sequence),
                    null, List.of(debit.toString(), credit.toString()), "usd", body.getBytes(StandardCharsets.UTF_8)));
        }
        return new Backlog(events, postings);
    }

    private static List<EventHandler> consumers(ConfigurableApplicationContext app) {
        EventHandler baseline = new EventHandler() {
            @Override
            public String name() {
                return "baseline";
            }

            @Override
            public Set<String> types() {
                return Set.of("account.opened", "transfer.posted");
            }

            @Override
            public void handle(ReceivedEvent event) {
                // The baseline does nothing: what is measured is the loop, the pipeline and the transport.
            }
        };
        return List.of(baseline, app.getBean(CustomerNotifications.class), app.getBean(AmlMonitor.class));
    }

    private static List<String> rabbitmq(ConfigurableApplicationContext app, Backlog backlog, String uri)
            throws Exception {
        String names = "bench." + UUID.randomUUID().toString().substring(0, 8) + ".";
        RabbitTransport.Settings settings = new RabbitTransport.Settings(uri, names + "events",
                names + "dead-letters", names, 5, 512);
        List<EventHandler> consumers = consumers(app);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        List<String> lines = new ArrayList<>();
        try (Connection connection = factory.newConnection("corebank-consumer-bench");
             Channel channel = connection.createChannel()) {
            try {
                for (EventHandler consumer : consumers) {
                    RabbitTransport.declare(channel, settings, consumer);
                }
                channel.confirmSelect();
                int sent = 0;
                for (CloudEvent event : backlog.events()) {
                    channel.basicPublish(settings.exchange(), event.routingKey(), RabbitMessages.properties(event),
                            event.data());
                    if (++sent % 1000 == 0) {
                        channel.waitForConfirmsOrDie(30_000);
                    }
                }
                channel.waitForConfirmsOrDie(30_000);
                double baseline = 0;
                for (EventHandler consumer : consumers) {
                    // A queue is bound only to the types its consumer takes.
                    long messages = backlog.events().stream()
                            .filter(event -> consumer.types().contains(event.shortType())).count();
                    double seconds = drain(app, consumer, new RabbitTransport(settings, consumer), messages);
                    baseline = consumer.name().equals("baseline") ? seconds : baseline;
                    lines.add(line("rabbitmq", consumer.name(), messages, seconds, baseline));
                }
            } finally {
                for (EventHandler consumer : consumers) {
                    channel.queueDelete(settings.queue(consumer.name()));
                    channel.queueDelete(settings.deadLetterQueue(consumer.name()));
                }
                channel.exchangeDelete(settings.exchange());
                channel.exchangeDelete(settings.deadLetterExchange());
            }
        }
        return lines;
    }

    private static List<String> kafka(ConfigurableApplicationContext app, Backlog backlog) throws Exception {
        int partitions = 3;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // A record's timestamp is its event's time, and the backlog is dated months back: keep it all.
        broker.brokerProperty("log.retention.ms", "-1");
        broker.afterPropertiesSet();
        List<String> lines = new ArrayList<>();
        try {
            String topic = "bench.events";
            broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1));
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            long messages = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (CloudEvent event : backlog.events()) {
                    for (ProducerRecord<byte[], byte[]> record : TestEvents.kafkaRecords(topic, partitions, event)) {
                        producer.send(record);
                        messages++;
                    }
                }
                producer.flush();
            }
            KafkaTransport.Settings settings = new KafkaTransport.Settings(broker.getBrokersAsString(), topic,
                    "bench-");
            double baseline = 0;
            for (EventHandler consumer : consumers(app)) {
                double seconds = drain(app, consumer, new KafkaTransport(settings, consumer.name(), 512), messages);
                baseline = consumer.name().equals("baseline") ? seconds : baseline;
                lines.add(line("kafka", consumer.name(), messages, seconds, baseline));
            }
        } finally {
            broker.destroy();
        }
        return lines;
    }

    /** Runs the consumer over the backlog until it has taken every message; the seconds that took. */
    private static double drain(ConfigurableApplicationContext app, EventHandler consumer, Transport transport,
                                long messages) throws InterruptedException {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String name = consumer.name() + "-" + transport.name();
        ConsumerStats stats = new ConsumerStats(name);
        ConsumerPipeline pipeline = new ConsumerPipeline(consumer, new EventWire(SOURCE),
                new DedupMarks(name, jdbc, Clock.systemUTC()), new DeadLetterStore(jdbc), stats,
                new RetryPolicy(5, 10, 1000), Thread::sleep, Clock.systemUTC());
        ConsumerLoop loop = new ConsumerLoop(pipeline, transport, 512, Duration.ofMillis(100),
                new RetryPolicy(10, 10, 1000), Duration.ofSeconds(5));
        long started = System.nanoTime();
        loop.start();
        long deadline = started + TimeUnit.MINUTES.toNanos(10);
        while (taken(stats) < messages && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        loop.stop(Duration.ofSeconds(30));
        if (taken(stats) < messages || stats.deadLetteredCount() > 0) {
            throw new IllegalStateException("consumer " + name + " took " + taken(stats) + " of " + messages
                    + " messages, dead-lettered " + stats.deadLetteredCount() + "; last failure "
                    + stats.lastFailure());
        }
        return seconds;
    }

    private static long taken(ConsumerStats stats) {
        return stats.appliedCount() + stats.ignoredCount() + stats.duplicateCount() + stats.deadLetteredCount();
    }

    private static String line(String transport, String consumer, long messages, double seconds, double baseline) {
        return "| %s | %s | %,d | %.2f | %,.0f | %.2f |".formatted(transport, consumer, messages, seconds,
                messages / seconds, baseline / seconds);
    }
}
