package dev.corebank.bench.report;

import java.util.Locale;

/** Number formats shared by the table and the chart. */
public final class Formats {
    private Formats() {
    }

    /** Milliseconds with about three significant digits: 0.412, 4.12, 41.2, 412. */
    public static String millis(double value) {
        if (value < 1) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (value < 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Compact: 950, 9.5k, 95k, 1.2M. */
    public static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, value >= 1e7 ? "%.0fM" : "%.2fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, value >= 1e4 ? "%.0fk" : "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.0f" : "%.2f", value);
    }

    public static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0fx" : value >= 10 ? "%.1fx" : "%.2fx", value);
    }
}
