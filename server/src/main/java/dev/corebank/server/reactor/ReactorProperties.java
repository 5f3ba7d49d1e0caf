package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalReader;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reactor runtime's limits, under {@code corebank.reactors}. Each has a named default; they apply to every
 * reactor.
 *
 * @param entriesPerRunMax       journal entries in one run at the most (for the projector: one database transaction)
 * @param eventsPerRunMax        events in one run at the most; a single larger entry still goes whole, since a
 *                               checkpoint names a whole entry
 * @param idleWaitMillis         how long a caught-up or paused reactor waits before it looks again (and notices a stop
 *                               or an operator's command)
 * @param backoffMillisMin       the first pause after a failure; pauses double from here
 * @param backoffMillisMax       the longest pause between attempts after failures
 * @param deadLetterAttemptsMax  tries of one failing entry before a DEAD_LETTER reactor hands it to its dead letters
 * @param stopWaitMillisMax      how long a stop waits for each reactor thread to finish its run
 * @param readinessLagEntriesMax readiness is OUT_OF_SERVICE while a reactor that readiness requires is further behind
 * @param lingerMillis           how long a reactor that found fewer entries than a full run waits for more before it
 *                               applies them, counted from the commit of the oldest one: a group commit for reactors,
 *                               so a table reactor writes one transaction per many entries under load. 0 turns it off
 * @param idleCheckpointMillis   a table reactor skips a run that holds nothing for it without a transaction, and then
 *                               stores its checkpoint at most this often (a restart re-reads at most that much)
 */
@ConfigurationProperties("corebank.reactors")
public record ReactorProperties(
        @DefaultValue("" + ENTRIES_PER_RUN_MAX_DEFAULT) int entriesPerRunMax,
        @DefaultValue("" + EVENTS_PER_RUN_MAX_DEFAULT) int eventsPerRunMax,
        @DefaultValue("" + IDLE_WAIT_MILLIS_DEFAULT) long idleWaitMillis,
        @DefaultValue("" + BACKOFF_MILLIS_MIN_DEFAULT) long backoffMillisMin,
        @DefaultValue("" + BACKOFF_MILLIS_MAX_DEFAULT) long backoffMillisMax,
        @DefaultValue("" + DEAD_LETTER_ATTEMPTS_MAX_DEFAULT) int deadLetterAttemptsMax,
        @DefaultValue("" + STOP_WAIT_MILLIS_MAX_DEFAULT) long stopWaitMillisMax,
        @DefaultValue("" + READINESS_LAG_ENTRIES_MAX_DEFAULT) long readinessLagEntriesMax,
        @DefaultValue("" + LINGER_MILLIS_DEFAULT) long lingerMillis,
        @DefaultValue("" + IDLE_CHECKPOINT_MILLIS_DEFAULT) long idleCheckpointMillis) {

    public static final int ENTRIES_PER_RUN_MAX_DEFAULT = 256;
    public static final int EVENTS_PER_RUN_MAX_DEFAULT = 4096;
    public static final long IDLE_WAIT_MILLIS_DEFAULT = 200;
    public static final long BACKOFF_MILLIS_MIN_DEFAULT = 100;
    public static final long BACKOFF_MILLIS_MAX_DEFAULT = 30_000;
    public static final int DEAD_LETTER_ATTEMPTS_MAX_DEFAULT = 5;
    public static final long STOP_WAIT_MILLIS_MAX_DEFAULT = 30_000;
    public static final long READINESS_LAG_ENTRIES_MAX_DEFAULT = 1000;
    public static final long LINGER_MILLIS_DEFAULT = 10;
    public static final long IDLE_CHECKPOINT_MILLIS_DEFAULT = 1000;

    public ReactorProperties {
        positive("entriesPerRunMax", entriesPerRunMax);
        positive("eventsPerRunMax", eventsPerRunMax);
        positive("idleWaitMillis", idleWaitMillis);
        positive("backoffMillisMin", backoffMillisMin);
        positive("deadLetterAttemptsMax", deadLetterAttemptsMax);
        positive("stopWaitMillisMax", stopWaitMillisMax);
        positive("idleCheckpointMillis", idleCheckpointMillis);
        if (lingerMillis < 0) {
            throw new IllegalArgumentException("lingerMillis must not be negative lingerMillis=" + lingerMillis);
        }
        if (readinessLagEntriesMax < 0) {
            throw new IllegalArgumentException("readinessLagEntriesMax must not be negative readinessLagEntriesMax="
                    + readinessLagEntriesMax);
        }
        if (backoffMillisMax < backoffMillisMin) {
            throw new IllegalArgumentException("backoffMillisMax must be at least backoffMillisMin backoffMillisMin="
                    + backoffMillisMin + " backoffMillisMax=" + backoffMillisMax);
        }
        if (entriesPerRunMax > JournalReader.READ_ENTRIES_MAX) {
            throw new IllegalArgumentException("entriesPerRunMax must not exceed what one journal read returns"
                    + " entriesPerRunMax=" + entriesPerRunMax + " readEntriesMax=" + JournalReader.READ_ENTRIES_MAX);
        }
    }

    public static ReactorProperties defaults() {
        return new ReactorProperties(ENTRIES_PER_RUN_MAX_DEFAULT, EVENTS_PER_RUN_MAX_DEFAULT, IDLE_WAIT_MILLIS_DEFAULT,
                BACKOFF_MILLIS_MIN_DEFAULT, BACKOFF_MILLIS_MAX_DEFAULT, DEAD_LETTER_ATTEMPTS_MAX_DEFAULT,
                STOP_WAIT_MILLIS_MAX_DEFAULT, READINESS_LAG_ENTRIES_MAX_DEFAULT,
                LINGER_MILLIS_DEFAULT, IDLE_CHECKPOINT_MILLIS_DEFAULT);
    }

    public ReactorProperties withRunLimits(int entriesMax, int eventsMax) {
        return new ReactorProperties(entriesMax, eventsMax, idleWaitMillis, backoffMillisMin, backoffMillisMax,
                deadLetterAttemptsMax, stopWaitMillisMax, readinessLagEntriesMax, lingerMillis,
                idleCheckpointMillis);
    }

    public ReactorProperties withWaits(long idleMillis, long backoffMinMillis, long backoffMaxMillis) {
        return new ReactorProperties(entriesPerRunMax, eventsPerRunMax, idleMillis, backoffMinMillis,
                backoffMaxMillis, deadLetterAttemptsMax, stopWaitMillisMax, readinessLagEntriesMax, lingerMillis,
                idleCheckpointMillis);
    }

    public ReactorProperties withDeadLetterAttemptsMax(int attemptsMax) {
        return new ReactorProperties(entriesPerRunMax, eventsPerRunMax, idleWaitMillis, backoffMillisMin,
                backoffMillisMax, attemptsMax, stopWaitMillisMax, readinessLagEntriesMax, lingerMillis,
                idleCheckpointMillis);
    }

    public ReactorProperties withLinger(long millis) {
        return new ReactorProperties(entriesPerRunMax, eventsPerRunMax, idleWaitMillis, backoffMillisMin,
                backoffMillisMax, deadLetterAttemptsMax, stopWaitMillisMax, readinessLagEntriesMax, millis,
                idleCheckpointMillis);
    }

    public ReactorProperties withIdleCheckpointMillis(long millis) {
        return new ReactorProperties(entriesPerRunMax, eventsPerRunMax, idleWaitMillis, backoffMillisMin,
                backoffMillisMax, deadLetterAttemptsMax, stopWaitMillisMax, readinessLagEntriesMax, lingerMillis,
                millis);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }
}
