package dev.corebank.server.consumers.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer notifications, under {@code corebank.notifications}.
 *
 * @param defaultLanguage the language of a customer whose profile names none, or one not written in ({@code en} or
 *                        {@code my})
 */
@ConfigurationProperties("corebank.notifications")
public record NotificationsProperties(@DefaultValue("en") String defaultLanguage) {
    public NotificationsProperties {
        if (Language.of(defaultLanguage).isEmpty()) {
            throw new IllegalArgumentException("defaultLanguage must be en or my defaultLanguage=" + defaultLanguage);
        }
    }

    public Language language() {
        return Language.of(defaultLanguage).orElseThrow();
    }
}
