package dev.corebank.server.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's limits, under {@code corebank.audit}. The trail is written by the audit reactor, whose run sizes
 * and backoff are the reactor runtime's ({@code corebank.reactors.*}).
 *
 * @param bodyBytesMax  request bytes read for subject ids; the ids of a larger body are not extracted
 * @param subjectIdsMax ids kept per record
 * @param queryLimitMax rows one GET /v1/audit returns at the most
 */
@ConfigurationProperties("corebank.audit")
record AuditProperties(
        @DefaultValue("" + BODY_BYTES_MAX_DEFAULT) int bodyBytesMax,
        @DefaultValue("" + SUBJECT_IDS_MAX_DEFAULT) int subjectIdsMax,
        @DefaultValue("" + QUERY_LIMIT_MAX_DEFAULT) int queryLimitMax) {

    static final int BODY_BYTES_MAX_DEFAULT = 1 << 20;
    static final int SUBJECT_IDS_MAX_DEFAULT = 32;
    static final int QUERY_LIMIT_MAX_DEFAULT = 1_000;

    AuditProperties {
        positive("bodyBytesMax", bodyBytesMax);
        positive("subjectIdsMax", subjectIdsMax);
        positive("queryLimitMax", queryLimitMax);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }
}
