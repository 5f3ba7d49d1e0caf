package dev.corebank.server.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the Standard Webhooks specification: {@code v1,} then the base64 of HMAC-SHA256, keyed with the
 * secret's bytes, over {@code webhook-id.webhook-timestamp.body}. The {@code webhook-signature} header holds one such
 * signature per secret, separated by spaces: two while a rotated secret still overlaps.
 */
final class WebhookSignature {
    static final String VERSION = "v1";

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header value: one signature per secret, in the order given. */
    static String header(List<WebhookSecret> secrets, String id, long timestampSeconds, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery is signed with at least one secret id=" + id);
        }
        StringBuilder header = new StringBuilder();
        for (WebhookSecret secret : secrets) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append(VERSION).append(',').append(sign(secret, id, timestampSeconds, body));
        }
        return header.toString();
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret. */
    static String sign(WebhookSecret secret, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", missing);
        }
    }
}
