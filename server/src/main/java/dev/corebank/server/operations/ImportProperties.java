package dev.corebank.server.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Transfer import limits, under {@code corebank.imports}. Each has a named default.
 *
 * @param fileBytesMax  the largest file accepted; a larger one is refused with 413 while it is being received
 * @param linesMax      transfers in one file at the most (the CSV header line not counted)
 * @param lineBytesMax  the longest line; a longer one is a per-line error ({@code line_too_long})
 * @param batchSizeMax  lines submitted to the engine in one command (one journal entry); at most the engine's batch
 * @param retryAfter    the Retry-After the 202 and the running status answer with
 */
@ConfigurationProperties("corebank.imports")
record ImportProperties(
        @DefaultValue(FILE_BYTES_MAX_DEFAULT) DataSize fileBytesMax,
        @DefaultValue("" + LINES_MAX_DEFAULT) int linesMax,
        @DefaultValue("" + LINE_BYTES_MAX_DEFAULT) int lineBytesMax,
        @DefaultValue("" + BATCH_SIZE_MAX_DEFAULT) int batchSizeMax,
        @DefaultValue(RETRY_AFTER_DEFAULT) Duration retryAfter) {

    static final String FILE_BYTES_MAX_DEFAULT = "256MB";
    static final int LINES_MAX_DEFAULT = 1_000_000;
    static final int LINE_BYTES_MAX_DEFAULT = 4096;
    static final int BATCH_SIZE_MAX_DEFAULT = 8189;
    static final String RETRY_AFTER_DEFAULT = "1s";

    ImportProperties {
        if (fileBytesMax.toBytes() <= 0) {
            throw new IllegalArgumentException("fileBytesMax must be positive fileBytesMax=" + fileBytesMax);
        }
        if (linesMax <= 0 || lineBytesMax <= 0 || batchSizeMax <= 0) {
            throw new IllegalArgumentException("linesMax, lineBytesMax and batchSizeMax must be positive linesMax="
                    + linesMax + " lineBytesMax=" + lineBytesMax + " batchSizeMax=" + batchSizeMax);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive retryAfter=" + retryAfter);
        }
    }
}
