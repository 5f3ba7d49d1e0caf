package dev.corebank.server.eod;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * End of day's settings ({@code corebank.eod.*}), each with a named default.
 *
 * @param schedule         a cron expression (Spring's six fields) on which end of day catches up through yesterday
 *                         in {@code zone}; "-" (the default) for none: then it runs only when asked
 * @param zone             the time zone that says what "yesterday" is for the schedule and the first business date
 * @param batchSize        transfers per command end of day submits, at most the engine's batchSizeMax
 * @param awaitTimeout     how long a step waits for the day book to read up to a journal position
 * @param firstBusinessDate the first business date a new bank starts on; empty for today in {@code zone}
 */
@ConfigurationProperties("corebank.eod")
public record EodProperties(String schedule, ZoneId zone, Integer batchSize, Duration awaitTimeout,
                            java.time.LocalDate firstBusinessDate) {
    public static final String NO_SCHEDULE = "-";
    public static final int BATCH_SIZE_DEFAULT = 8000;
    public static final Duration AWAIT_TIMEOUT_DEFAULT = Duration.ofMinutes(2);

    public EodProperties {
        schedule = schedule == null || schedule.isBlank() ? NO_SCHEDULE : schedule.strip();
        zone = zone == null ? ZoneId.of("UTC") : zone;
        batchSize = batchSize == null ? BATCH_SIZE_DEFAULT : batchSize;
        awaitTimeout = awaitTimeout == null ? AWAIT_TIMEOUT_DEFAULT : awaitTimeout;
        if (batchSize < 1) {
            throw new IllegalArgumentException("corebank.eod.batch-size must be positive batchSize=" + batchSize);
        }
    }
}
