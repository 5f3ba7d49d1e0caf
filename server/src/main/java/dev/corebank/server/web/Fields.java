package dev.corebank.server.web;

import dev.corebank.ledger.Ids;
import dev.corebank.ledger.Ledgers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Checks of request fields that JSON types cannot express. Each failure is a 400 problem naming the field, in the
 * {@code name=value} form, with a stable code: {@code missing_field}, {@code invalid_field}, {@code invalid_amount} or
 * {@code unknown_currency}.
 */
public final class Fields {
    private Fields() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field", "field is required field=" + field);
        }
        return value;
    }

    /** A required id that is not the all-zero UUID, which the ledger reserves for "none". */
    public static UUID requiredId(UUID value, String field) {
        return nonZeroId(required(value, field), field);
    }

    public static UUID nonZeroId(UUID value, String field) {
        if (value != null && Ids.isZero(value)) {
            throw invalid(field, "must not be the all-zero UUID");
        }
        return value;
    }

    /** An amount in minor units that must be at least {@code minimum} (1 for a movement, 0 where 0 means "all"). */
    public static long amount(Long value, long minimum, String field) {
        long amount = required(value, field);
        if (amount < minimum) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_amount", "amount must be at least " + minimum
                    + " minor units field=" + field + " amount=" + amount);
        }
        return amount;
    }

    /** The ISO 4217 numeric code the engine stores for a letter code such as {@code USD}. */
    public static int ledger(String currency, String field) {
        required(currency, field);
        try {
            return Ledgers.numericCode(currency);
        } catch (IllegalArgumentException unknown) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_currency", "ledger must be an ISO 4217 currency"
                    + " code such as USD or MMK field=" + field + " ledger=" + abbreviate(currency));
        }
    }

    public static int nonNegative(Integer value, String field) {
        int number = required(value, field);
        if (number < 0) {
            throw invalid(field, "must not be negative value=" + number);
        }
        return number;
    }

    /** Optional text of at most {@code bytesMax} bytes of UTF-8; null stays null. */
    public static String text(String value, int bytesMax, String field) {
        if (value != null && (value.length() > bytesMax
                || value.getBytes(StandardCharsets.UTF_8).length > bytesMax)) {
            throw invalid(field, "is longer than " + bytesMax + " bytes of UTF-8");
        }
        return value;
    }

    /** Flag names parsed by the ledger's own parser, so the API and the engine share one list of names. */
    public static int flags(List<String> names, FlagParser parser, String field) {
        if (names == null) {
            return 0;
        }
        for (String name : names) {
            if (name == null) {
                throw invalid(field, "must not contain null");
            }
        }
        try {
            return parser.parse(names);
        } catch (IllegalArgumentException unknown) {
            throw invalid(field, unknown.getMessage());
        }
    }

    /**
     * For an optional body: one that was sent but read as nothing (the JSON literal {@code null}) is refused, so that
     * "absent" means only an empty body. Returns the body.
     */
    public static <T> T optionalBody(T body, jakarta.servlet.http.HttpServletRequest request) {
        boolean sent = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (body == null && sent) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json",
                    "request body must be a JSON object, or empty; null is neither");
        }
        return body;
    }

    public static ApiException invalid(String field, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "field " + problem + " field=" + field);
    }

    private static String abbreviate(String text) {
        return text.length() <= 16 ? text : text.substring(0, 16) + "...";
    }

    /** {@code AccountFlags::parse} or {@code TransferFlags::parse}. */
    @FunctionalInterface
    public interface FlagParser {
        int parse(List<String> names);
    }
}
