package dev.corebank.server.webhooks;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing secret, written as the Standard Webhooks specification has it: {@code whsec_} then the base64 of the key
 * bytes. The bytes, not the text, key the HMAC.
 */
record WebhookSecret(String text) {
    static final String PREFIX = "whsec_";
    /** 32 random bytes: the specification asks for between 24 and 64. */
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    WebhookSecret {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes bytes=" + key.length);
        }
    }

    static WebhookSecret generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    byte[] bytes() {
        return Base64.getDecoder().decode(text.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        // Never the secret itself, in a log line or an exception message.
        return "WebhookSecret[" + PREFIX + "...]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && Arrays.equals(bytes(), secret.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }
}
