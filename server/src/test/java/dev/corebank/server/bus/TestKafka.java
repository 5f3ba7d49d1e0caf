package dev.corebank.server.bus;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real single-node KRaft Kafka brokers inside the test JVM (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}),
 * and reading a topic back. {@link #shared()} is one broker for the whole test run, started on first use; give each
 * test its own topic. {@link #start()} starts a broker of one's own, and {@link #startBehindProxy()} one that its
 * clients reach through a proxy a test can cut. Any test that needs Kafka uses these.
 */
public final class TestKafka {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long READ_MILLIS_MAX = 30_000;
    private static EmbeddedKafkaKraftBroker shared;

    static {
        quietKafkaLogs();
    }

    private TestKafka() {
    }

    /** The broker and its clients log every config at INFO; tests keep their warnings only. */
    public static void quietKafkaLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** The shared broker's bootstrap servers; it stops when the JVM exits. */
    public static synchronized String shared() {
        if (shared == null) {
            shared = start();
            EmbeddedKafkaKraftBroker started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return shared.getBrokersAsString();
    }

    /** Starts a broker of its own on a free port (a KRaft test broker cannot be given one); the caller destroys it. */
    public static EmbeddedKafkaKraftBroker start() {
        return start(Map.of());
    }

    private static EmbeddedKafkaKraftBroker start(Map<String, String> properties) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> all = new java.util.HashMap<>(Map.of("auto.create.topics.enable", "false"));
        all.putAll(properties);
        broker.brokerProperties(all);
        broker.afterPropertiesSet();
        return broker;
    }

    /**
     * A broker of its own that its clients reach only through a {@link LoopbackProxy}: it advertises the proxy's port,
     * so after bootstrapping every connection goes through the proxy, and cutting the proxy takes the broker away from
     * its clients mid-stream (its data stays). The caller closes both.
     */
    public record ProxiedBroker(EmbeddedKafkaKraftBroker broker, LoopbackProxy proxy) implements AutoCloseable {
        public String bootstrapServers() {
            return "127.0.0.1:" + proxy.port();
        }

        @Override
        public void close() throws IOException {
            proxy.close();
            broker.destroy();
        }
    }

    public static ProxiedBroker startBehindProxy() throws IOException {
        int proxyPort = freePort();
        EmbeddedKafkaKraftBroker broker = start(Map.of("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxyPort));
        int brokerPort = Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", ""));
        return new ProxiedBroker(broker, LoopbackProxy.on(proxyPort, brokerPort));
    }

    /** A free loopback port, for a broker that starts later on it. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Every record of the topic, partition by partition, each in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new java.util.HashMap<>();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + READ_MILLIS_MAX;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read the topic to its end topic=" + topic);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                            partition -> new ArrayList<>()).add(record);
                }
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                for (ConsumerRecord<byte[], byte[]> record : byPartition.getOrDefault(partition, List.of())) {
                    if (record.offset() < ends.get(partition)) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }
}
