package dev.corebank.server.consumers.notifications;

import java.util.Locale;
import java.util.Optional;

/** The languages notifications are written in, by BCP 47 tag. */
public enum Language {
    ENGLISH("en"),
    BURMESE("my");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The language of a tag such as {@code my} or {@code en-GB}; empty for one notifications are not written in. */
    public static Optional<Language> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        for (Language language : values()) {
            if (language.tag.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
