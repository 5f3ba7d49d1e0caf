package dev.corebank.server.web;

import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Strict UUID parsing: only the canonical 36-character form ({@code 8-4-4-4-12} hex digits). {@link UUID#fromString}
 * also accepts shortened groups such as {@code 1-2-3-4-5}, which would let two spellings name one account.
 */
public final class Uuids {
    private static final int LENGTH = 36;

    private Uuids() {
    }

    public static boolean isCanonical(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int index = 0; index < LENGTH; index++) {
            char character = text.charAt(index);
            boolean dash = index == 8 || index == 13 || index == 18 || index == 23;
            if (dash ? character != '-' : Character.digit(character, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses an id taken from a URL path or query; 400 {@code invalid_id} when it is not a canonical UUID. */
    public static UUID parsePathId(String name, String text) {
        if (!isCanonical(text)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_id", name + " must be a UUID such as"
                    + " 3f2b8c1e-7d4a-4b6e-9c0d-2a1b3c4d5e6f " + name + "=" + abbreviate(text));
        }
        return UUID.fromString(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
