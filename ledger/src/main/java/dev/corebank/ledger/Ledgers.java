package dev.corebank.ledger;

import java.util.Comparator;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A ledger is an ISO 4217 currency. The engine stores it as the currency's numeric code (USD is 840, MMK is 104), so
 * that a ledger fits in a short and compares in one instruction; this class converts to and from the letter code.
 */
public final class Ledgers {
    /** The largest numeric code ISO 4217 defines room for. */
    public static final int NUMERIC_CODE_MAX = 999;

    /**
     * Letter codes by numeric code, built once: finding one by scanning every currency the JVM knows is far too slow
     * for a path taken per request or per event. Where two currencies share a number, the alphabetically first wins,
     * so the answer never depends on set iteration order.
     */
    private static final Map<Integer, String> ALPHABETIC_BY_NUMERIC = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getNumericCode() > 0 && currency.getNumericCode() <= NUMERIC_CODE_MAX)
            .sorted(Comparator.comparing(Currency::getCurrencyCode))
            .collect(Collectors.toUnmodifiableMap(Currency::getNumericCode, Currency::getCurrencyCode,
                    (first, second) -> first));
    /** The largest ledger number the journal can hold: it stores a ledger in two bytes. */
    public static final int LEDGER_MAX = 0xFFFF;

    private Ledgers() {
    }

    /** The numeric code of a letter code such as "USD"; throws IllegalArgumentException for an unknown currency. */
    public static int numericCode(String alphabeticCode) {
        Currency currency = currency(alphabeticCode);
        int numeric = currency.getNumericCode();
        if (numeric <= 0 || numeric > NUMERIC_CODE_MAX) {
            throw new IllegalArgumentException("currency has no ISO 4217 numeric code currency=" + alphabeticCode);
        }
        return numeric;
    }

    /** The letter code of a numeric code, for example 104 gives "MMK". */
    public static String alphabeticCode(int numericCode) {
        return findAlphabeticCode(numericCode).orElseThrow(
                () -> new IllegalArgumentException("unknown ISO 4217 numeric code ledger=" + numericCode));
    }

    /** The letter code of a numeric code, or empty for a number ISO 4217 does not define. */
    public static Optional<String> findAlphabeticCode(int numericCode) {
        return Optional.ofNullable(ALPHABETIC_BY_NUMERIC.get(numericCode));
    }

    /** How many minor units the currency has after the decimal point (2 for USD and MMK, 0 for JPY). */
    public static int minorUnitScale(String alphabeticCode) {
        return Math.max(0, currency(alphabeticCode).getDefaultFractionDigits());
    }

    /** Refuses a ledger number that the journal's two bytes would silently cut, changing it after a restart. */
    static void checkLedger(int ledger) {
        if (ledger < 0 || ledger > LEDGER_MAX) {
            throw new IllegalArgumentException("ledger must be in [0, " + LEDGER_MAX + "] ledger=" + ledger);
        }
    }

    private static Currency currency(String alphabeticCode) {
        if (alphabeticCode == null || alphabeticCode.length() != 3) {
            throw new IllegalArgumentException("currency must be a 3-letter ISO 4217 code currency=" + alphabeticCode);
        }
        try {
            return Currency.getInstance(alphabeticCode);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown ISO 4217 currency currency=" + alphabeticCode, unknown);
        }
    }
}
