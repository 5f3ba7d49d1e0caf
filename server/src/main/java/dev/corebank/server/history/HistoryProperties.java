package dev.corebank.server.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the history endpoints, under {@code corebank.history}. Each has a named default.
 *
 * @param minPositionWaitMillis  how long a request with {@code X-Min-Position} waits for the projection to reach it
 * @param pageLimitDefault       transfers per page when the request names no limit
 * @param pageLimitMax           the largest limit a request may ask for
 * @param statementLinesDefault  statement lines per page when the request names no limit
 * @param statementLinesMax      the largest statement page a request may ask for
 * @param statementDaysMax       the longest statement period, in days, both ends included
 */
@ConfigurationProperties("corebank.history")
record HistoryProperties(
        @DefaultValue("" + MIN_POSITION_WAIT_MILLIS_DEFAULT) long minPositionWaitMillis,
        @DefaultValue("" + PAGE_LIMIT_DEFAULT) int pageLimitDefault,
        @DefaultValue("" + PAGE_LIMIT_MAX_DEFAULT) int pageLimitMax,
        @DefaultValue("" + STATEMENT_LINES_DEFAULT) int statementLinesDefault,
        @DefaultValue("" + STATEMENT_LINES_MAX_DEFAULT) int statementLinesMax,
        @DefaultValue("" + STATEMENT_DAYS_MAX_DEFAULT) int statementDaysMax) {

    static final long MIN_POSITION_WAIT_MILLIS_DEFAULT = 2_000;
    static final int PAGE_LIMIT_DEFAULT = 50;
    static final int PAGE_LIMIT_MAX_DEFAULT = 500;
    static final int STATEMENT_LINES_DEFAULT = 500;
    static final int STATEMENT_LINES_MAX_DEFAULT = 5_000;
    static final int STATEMENT_DAYS_MAX_DEFAULT = 366;

    HistoryProperties {
        if (minPositionWaitMillis < 0) {
            throw new IllegalArgumentException("minPositionWaitMillis must not be negative minPositionWaitMillis="
                    + minPositionWaitMillis);
        }
        withinMax("pageLimitDefault", pageLimitDefault, "pageLimitMax", pageLimitMax);
        withinMax("statementLinesDefault", statementLinesDefault, "statementLinesMax", statementLinesMax);
        if (statementDaysMax < 1) {
            throw new IllegalArgumentException("statementDaysMax must be positive statementDaysMax="
                    + statementDaysMax);
        }
    }

    static HistoryProperties defaults() {
        return new HistoryProperties(MIN_POSITION_WAIT_MILLIS_DEFAULT, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX_DEFAULT,
                STATEMENT_LINES_DEFAULT, STATEMENT_LINES_MAX_DEFAULT, STATEMENT_DAYS_MAX_DEFAULT);
    }

    private static void withinMax(String defaultName, int defaultValue, String maxName, int maxValue) {
        if (defaultValue < 1 || defaultValue > maxValue) {
            throw new IllegalArgumentException(defaultName + " must be in [1, " + maxName + "] " + defaultName + "="
                    + defaultValue + " " + maxName + "=" + maxValue);
        }
    }
}
