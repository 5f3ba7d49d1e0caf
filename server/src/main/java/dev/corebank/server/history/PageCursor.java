package dev.corebank.server.history;

import dev.corebank.server.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * The opaque cursor of a page: the engine timestamp of the last item returned, which is unique and strictly ordered
 * across the whole journal, so a page boundary never splits or repeats an item. Clients must treat it as opaque; the
 * version prefix lets the format change without misreading old cursors.
 */
final class PageCursor {
    private static final String PREFIX = "v1:";
    private static final int ENCODED_CHARS_MAX = 64;

    private PageCursor() {
    }

    static String encode(long engineTimestamp) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + engineTimestamp).getBytes(StandardCharsets.US_ASCII));
    }

    /** The timestamp in a cursor a client sent back; a 400 problem with code {@code invalid_cursor} otherwise. */
    static long decode(String cursor) {
        if (cursor.length() > ENCODED_CHARS_MAX) {
            throw invalid();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!decoded.startsWith(PREFIX)) {
                throw invalid();
            }
            long timestamp = Long.parseLong(decoded.substring(PREFIX.length()));
            if (timestamp <= 0) {
                throw invalid();
            }
            return timestamp;
        } catch (IllegalArgumentException malformed) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor",
                "cursor is not one this API returned; start again without it");
    }
}
