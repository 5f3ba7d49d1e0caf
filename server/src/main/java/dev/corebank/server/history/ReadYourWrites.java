package dev.corebank.server.history;

import dev.corebank.server.projection.ProjectionPosition;
import dev.corebank.server.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Read-your-writes for the read model. A client that wrote at journal position N (write responses report it) sends
 * {@code X-Min-Position: N}; the read waits a bounded time for the projection to reach N. If it does not, the answer
 * is 503 with {@code Retry-After}, never data older than the client's own write: a customer who just paid must not
 * see a statement without the payment and pay again.
 */
final class ReadYourWrites {
    static final String MIN_POSITION_HEADER = "X-Min-Position";
    static final String POSITION_HEADER = "X-Projection-Position";
    static final int RETRY_AFTER_SECONDS = 1;
    private static final int HEADER_CHARS_MAX = 19;

    private final ProjectionPosition position;
    private final Duration wait;

    ReadYourWrites(ProjectionPosition position, HistoryProperties properties) {
        this.position = position;
        this.wait = Duration.ofMillis(properties.minPositionWaitMillis());
    }

    /** The position a request asks for; 0 when it sent no header. A malformed header is a 400 problem. */
    static long minPosition(String header) {
        if (header == null) {
            return 0;
        }
        String value = header.strip();
        if (value.isEmpty() || value.length() > HEADER_CHARS_MAX || !value.chars().allMatch(Character::isDigit)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_min_position",
                    MIN_POSITION_HEADER + " must be a journal position, a whole number from 0");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_min_position",
                    MIN_POSITION_HEADER + " is larger than any journal position");
        }
    }

    /** Waits until the projection reaches {@code minPosition}; answers 503 when the bounded wait runs out. */
    void await(long minPosition, HttpServletResponse response) {
        boolean reached;
        try {
            reached = position.awaitPosition(minPosition, wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            reached = false;
        }
        if (!reached) {
            throw behind(minPosition, position.position(), response);
        }
    }

    /**
     * Checks the position of the snapshot actually read, which can trail the projector when reads go to a lagging
     * replica, and sets the position header on the response.
     */
    void check(long minPosition, long snapshotPosition, HttpServletResponse response) {
        response.setHeader(POSITION_HEADER, Long.toString(snapshotPosition));
        if (snapshotPosition < minPosition) {
            throw behind(minPosition, snapshotPosition, response);
        }
    }

    private ApiException behind(long minPosition, long current, HttpServletResponse response) {
        response.setHeader(POSITION_HEADER, Long.toString(current));
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "projection_behind",
                "the read model has not reached the requested position yet minPosition=" + minPosition + " position="
                        + current + " waitMillis=" + wait.toMillis());
    }
}
