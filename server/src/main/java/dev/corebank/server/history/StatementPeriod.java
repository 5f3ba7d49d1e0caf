package dev.corebank.server.history;

import dev.corebank.server.web.ApiException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpStatus;

/**
 * The days a statement covers, both ends included, and the engine-timestamp range they map to. A day is a UTC calendar
 * day of the engine timestamp until end of day brings a business date.
 *
 * @param fromNanos       the first instant of {@code from}, in engine nanoseconds
 * @param toNanosExclusive the first instant after {@code to}
 */
record StatementPeriod(LocalDate from, LocalDate to, long fromNanos, long toNanosExclusive) {
    /** Engine timestamps are nanoseconds in a long, which reach into 2262; statements stop well before. */
    static final LocalDate FIRST_DATE = LocalDate.of(1970, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);

    /** Parses and checks the query parameters; every refusal is a 400 problem with a stable code. */
    static StatementPeriod parse(String from, String to, int daysMax) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first.isAfter(last)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_date_range",
                    "from must not be after to from=" + first + " to=" + last);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > daysMax) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "date_range_too_long",
                    "a statement covers at most " + daysMax + " days days=" + days);
        }
        return new StatementPeriod(first, last, startNanos(first), startNanos(last.plusDays(1)));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_date", name + " is required, as YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_date",
                    name + " must be a date as YYYY-MM-DD " + name + "=" + abbreviate(value));
        }
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_date",
                    name + " must be between " + FIRST_DATE + " and " + LAST_DATE + " " + name + "=" + date);
        }
        return date;
    }

    private static long startNanos(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
    }

    /** Echoes at most a short prefix of what the client sent, so a problem response stays small. */
    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }
}
