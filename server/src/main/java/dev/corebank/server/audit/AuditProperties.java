package dev.corebank.server.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's limits, under {@code corebank.audit}.
 *
 * @param queueCapacity       records waiting for the writer; a request waits up to {@code enqueueWaitMillis} for room
 * @param enqueueWaitMillis   how long a request waits for room before its record goes to the error log instead
 * @param batchSizeMax        records inserted in one database transaction at the most
 * @param bodyBytesMax        request bytes read for subject ids; the ids of a larger body are not extracted
 * @param subjectIdsMax       ids kept per record
 * @param queryLimitMax       rows one GET /v1/audit returns at the most
 */
@ConfigurationProperties("corebank.audit")
record AuditProperties(
        @DefaultValue("" + QUEUE_CAPACITY_DEFAULT) int queueCapacity,
        @DefaultValue("" + ENQUEUE_WAIT_MILLIS_DEFAULT) long enqueueWaitMillis,
        @DefaultValue("" + BATCH_SIZE_MAX_DEFAULT) int batchSizeMax,
        @DefaultValue("" + BODY_BYTES_MAX_DEFAULT) int bodyBytesMax,
        @DefaultValue("" + SUBJECT_IDS_MAX_DEFAULT) int subjectIdsMax,
        @DefaultValue("" + QUERY_LIMIT_MAX_DEFAULT) int queryLimitMax) {

    static final int QUEUE_CAPACITY_DEFAULT = 16_384;
    static final long ENQUEUE_WAIT_MILLIS_DEFAULT = 1_000;
    static final int BATCH_SIZE_MAX_DEFAULT = 512;
    static final int BODY_BYTES_MAX_DEFAULT = 1 << 20;
    static final int SUBJECT_IDS_MAX_DEFAULT = 32;
    static final int QUERY_LIMIT_MAX_DEFAULT = 1_000;

    AuditProperties {
        positive("queueCapacity", queueCapacity);
        positive("batchSizeMax", batchSizeMax);
        positive("bodyBytesMax", bodyBytesMax);
        positive("subjectIdsMax", subjectIdsMax);
        positive("queryLimitMax", queryLimitMax);
        if (enqueueWaitMillis < 0) {
            throw new IllegalArgumentException("enqueueWaitMillis must not be negative enqueueWaitMillis="
                    + enqueueWaitMillis);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }
}
