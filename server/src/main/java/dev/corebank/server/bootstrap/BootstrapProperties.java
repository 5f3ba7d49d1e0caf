package dev.corebank.server.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-start settings, under {@code corebank.bootstrap}.
 *
 * @param demo     open a few demo customers with some history on a first start (the {@code --no-demo} argument
 *                 turns it off as well)
 * @param adminKey the secret of the first admin key (COREBANK_ADMIN_KEY); when empty on a first start, one is generated
 *                 and printed once
 */
@ConfigurationProperties("corebank.bootstrap")
public record BootstrapProperties(@DefaultValue("true") boolean demo, String adminKey) {
    @Override
    public String toString() {
        return "BootstrapProperties[demo=" + demo + ", adminKey=" + (adminKey == null ? "null" : "<hidden>") + "]";
    }
}
