package dev.corebank.server.projection;

import dev.corebank.ledger.JournalReader;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The projector's limits, under {@code corebank.projection}. Each has a named default.
 *
 * @param entriesPerTransactionMax journal entries applied in one database transaction at the most
 * @param eventsPerTransactionMax  events per transaction at the most; a single larger entry still goes whole, since
 *                                 the checkpoint is a whole entry
 * @param idleWaitMillis           how long the projector waits for a new entry before it looks again (and notices a
 *                                 stop)
 * @param retryBackoffMillisMax    the longest pause between attempts after a failure (database down, say); pauses
 *                                 double from {@link #RETRY_BACKOFF_MILLIS_MIN} up to this
 */
@ConfigurationProperties("corebank.projection")
record ProjectionProperties(
        @DefaultValue("" + ENTRIES_PER_TRANSACTION_MAX_DEFAULT) int entriesPerTransactionMax,
        @DefaultValue("" + EVENTS_PER_TRANSACTION_MAX_DEFAULT) int eventsPerTransactionMax,
        @DefaultValue("" + IDLE_WAIT_MILLIS_DEFAULT) long idleWaitMillis,
        @DefaultValue("" + RETRY_BACKOFF_MILLIS_MAX_DEFAULT) long retryBackoffMillisMax) {

    static final int ENTRIES_PER_TRANSACTION_MAX_DEFAULT = 256;
    static final int EVENTS_PER_TRANSACTION_MAX_DEFAULT = 4096;
    static final long IDLE_WAIT_MILLIS_DEFAULT = 200;
    static final long RETRY_BACKOFF_MILLIS_MAX_DEFAULT = 30_000;
    static final long RETRY_BACKOFF_MILLIS_MIN = 100;

    ProjectionProperties {
        positive("entriesPerTransactionMax", entriesPerTransactionMax);
        positive("eventsPerTransactionMax", eventsPerTransactionMax);
        positive("idleWaitMillis", idleWaitMillis);
        if (retryBackoffMillisMax < RETRY_BACKOFF_MILLIS_MIN) {
            throw new IllegalArgumentException("retryBackoffMillisMax must be at least " + RETRY_BACKOFF_MILLIS_MIN
                    + " retryBackoffMillisMax=" + retryBackoffMillisMax);
        }
        if (entriesPerTransactionMax > JournalReader.READ_ENTRIES_MAX) {
            throw new IllegalArgumentException("entriesPerTransactionMax must not exceed what one journal read returns"
                    + " entriesPerTransactionMax=" + entriesPerTransactionMax + " readEntriesMax="
                    + JournalReader.READ_ENTRIES_MAX);
        }
    }

    static ProjectionProperties defaults() {
        return new ProjectionProperties(ENTRIES_PER_TRANSACTION_MAX_DEFAULT, EVENTS_PER_TRANSACTION_MAX_DEFAULT,
                IDLE_WAIT_MILLIS_DEFAULT, RETRY_BACKOFF_MILLIS_MAX_DEFAULT);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }
}
