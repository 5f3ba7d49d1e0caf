package dev.corebank.server.webhooks;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Event type patterns of a subscription. A CloudEvent type such as {@code dev.corebank.transfer.posted.v1} is matched
 * by its short name, {@code transfer.posted}: without the {@code dev.corebank.} prefix and the version. A pattern is
 * a short name in which {@code *} stands for any run of characters: {@code transfer.*}, {@code *.rejected},
 * {@code *}. A pattern may also be a full type, which matches that type only.
 */
final class EventTypes {
    static final String PREFIX = "dev.corebank.";
    static final int PATTERNS_MAX = 32;
    static final int PATTERN_LENGTH_MAX = 128;
    private static final Pattern FORM = Pattern.compile("[a-z0-9*][a-z0-9.*_-]*");
    private static final Pattern VERSION = Pattern.compile("\\.v[0-9]+$");

    private EventTypes() {
    }

    /** Throws IllegalArgumentException naming the first pattern that is not one. */
    static void validate(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("eventTypes names at least one pattern, for example transfer.*");
        }
        if (patterns.size() > PATTERNS_MAX) {
            throw new IllegalArgumentException("eventTypes holds at most " + PATTERNS_MAX + " patterns size="
                    + patterns.size());
        }
        for (String pattern : patterns) {
            if (pattern == null || pattern.length() > PATTERN_LENGTH_MAX || !FORM.matcher(pattern).matches()) {
                throw new IllegalArgumentException("an event type pattern is lowercase letters, digits, dots,"
                        + " dashes and * pattern=" + pattern);
            }
        }
    }

    static String shortName(String type) {
        String name = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
        return VERSION.matcher(name).replaceFirst("");
    }

    static boolean matchesAny(List<String> patterns, String type) {
        String name = shortName(type);
        for (String pattern : patterns) {
            if (pattern.equals(type) || glob(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *} matches any run of characters, itself included in none; everything else matches itself. */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
