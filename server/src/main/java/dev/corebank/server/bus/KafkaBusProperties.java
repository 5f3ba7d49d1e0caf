package dev.corebank.server.bus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka publisher, under {@code corebank.kafka}. The publisher runs only when
 * {@code bootstrap-servers} is set (environment {@code COREBANK_KAFKA_BOOTSTRAP_SERVERS}); every other setting has a
 * named default.
 *
 * @param bootstrapServers      the brokers, {@code host:port[,host:port...]}; empty turns the publisher off
 * @param topic                 the topic every journal event goes to
 * @param partitions            partitions of the topic when the publisher creates it; an existing topic keeps its own
 *                              count (changing it later moves accounts to other partitions and breaks their order)
 * @param replicationFactor     replicas of the topic when the publisher creates it (1 for a single broker, 3 in
 *                              production)
 * @param retentionHours        how long the topic keeps records when the publisher creates it; the journal keeps
 *                              everything, so a replay can always re-publish what retention removed
 * @param lingerMillis          how long the producer waits to fill a batch
 * @param batchSizeBytes        the producer's batch size per partition
 * @param compressionType       the producer's compression ({@code none}, {@code lz4}, {@code zstd}, ...)
 * @param requestTimeoutMillis  one produce or metadata request's timeout
 * @param deliveryTimeoutMillis how long a record may take to be acknowledged, retries included, before the run fails
 *                              and the publisher backs off (a broker that is down shows up within this)
 * @param requiredForReadiness  whether readiness is OUT_OF_SERVICE while the publisher is failing or lags behind
 */
@ConfigurationProperties("corebank.kafka")
record KafkaBusProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue(TOPIC_DEFAULT) String topic,
        @DefaultValue("" + PARTITIONS_DEFAULT) int partitions,
        @DefaultValue("" + REPLICATION_FACTOR_DEFAULT) short replicationFactor,
        @DefaultValue("" + RETENTION_HOURS_DEFAULT) long retentionHours,
        @DefaultValue("" + LINGER_MILLIS_DEFAULT) int lingerMillis,
        @DefaultValue("" + BATCH_SIZE_BYTES_DEFAULT) int batchSizeBytes,
        @DefaultValue(COMPRESSION_TYPE_DEFAULT) String compressionType,
        @DefaultValue("" + REQUEST_TIMEOUT_MILLIS_DEFAULT) int requestTimeoutMillis,
        @DefaultValue("" + DELIVERY_TIMEOUT_MILLIS_DEFAULT) int deliveryTimeoutMillis,
        @DefaultValue("true") boolean requiredForReadiness) {

    static final String TOPIC_DEFAULT = "corebank.ledger.events";
    static final int PARTITIONS_DEFAULT = 6;
    static final short REPLICATION_FACTOR_DEFAULT = 1;
    static final long RETENTION_HOURS_DEFAULT = 7 * 24;
    static final int LINGER_MILLIS_DEFAULT = 5;
    static final int BATCH_SIZE_BYTES_DEFAULT = 256 * 1024;
    static final String COMPRESSION_TYPE_DEFAULT = "lz4";
    static final int REQUEST_TIMEOUT_MILLIS_DEFAULT = 5_000;
    static final int DELIVERY_TIMEOUT_MILLIS_DEFAULT = 15_000;

    KafkaBusProperties {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("corebank.kafka.topic must not be blank");
        }
        if (partitions < 1 || replicationFactor < 1 || retentionHours < 1) {
            throw new IllegalArgumentException("corebank.kafka partitions, replication-factor and retention-hours"
                    + " must be positive partitions=" + partitions + " replicationFactor=" + replicationFactor
                    + " retentionHours=" + retentionHours);
        }
        if (deliveryTimeoutMillis < lingerMillis + requestTimeoutMillis) {
            throw new IllegalArgumentException("corebank.kafka.delivery-timeout-millis must be at least linger plus"
                    + " request timeout deliveryTimeoutMillis=" + deliveryTimeoutMillis + " lingerMillis="
                    + lingerMillis + " requestTimeoutMillis=" + requestTimeoutMillis);
        }
    }

    /** Defaults for {@code bootstrapServers}, as tests and the benchmark use them. */
    static KafkaBusProperties of(String bootstrapServers, String topic) {
        return new KafkaBusProperties(bootstrapServers, topic, PARTITIONS_DEFAULT, REPLICATION_FACTOR_DEFAULT,
                RETENTION_HOURS_DEFAULT, LINGER_MILLIS_DEFAULT, BATCH_SIZE_BYTES_DEFAULT, COMPRESSION_TYPE_DEFAULT,
                REQUEST_TIMEOUT_MILLIS_DEFAULT, DELIVERY_TIMEOUT_MILLIS_DEFAULT, true);
    }

    KafkaBusProperties withPartitions(int count) {
        return new KafkaBusProperties(bootstrapServers, topic, count, replicationFactor, retentionHours,
                lingerMillis, batchSizeBytes, compressionType, requestTimeoutMillis, deliveryTimeoutMillis,
                requiredForReadiness);
    }

    KafkaBusProperties withTimeouts(int requestMillis, int deliveryMillis) {
        return new KafkaBusProperties(bootstrapServers, topic, partitions, replicationFactor, retentionHours,
                lingerMillis, batchSizeBytes, compressionType, requestMillis, deliveryMillis, requiredForReadiness);
    }
}
