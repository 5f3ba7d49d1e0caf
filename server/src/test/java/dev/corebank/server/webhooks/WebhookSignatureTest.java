package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The test vector published with the Standard Webhooks reference libraries. */
    private static final WebhookSecret SPECIFICATION_SECRET = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPECIFICATION_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPECIFICATION_TIMESTAMP = 1614265330;
    private static final byte[] SPECIFICATION_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReproduceTheSpecificationsTestVector() {
        assertThat(WebhookSignature.header(List.of(SPECIFICATION_SECRET), SPECIFICATION_ID, SPECIFICATION_TIMESTAMP,
                SPECIFICATION_BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldCarryOneSignaturePerSecretSeparatedBySpaces() {
        WebhookSecret rotated = WebhookSecret.generate();

        String header = WebhookSignature.header(List.of(rotated, SPECIFICATION_SECRET), SPECIFICATION_ID,
                SPECIFICATION_TIMESTAMP, SPECIFICATION_BODY);

        String[] signatures = header.split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[1]).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(signatures[0]).isEqualTo("v1," + WebhookSignature.sign(rotated, SPECIFICATION_ID,
                SPECIFICATION_TIMESTAMP, SPECIFICATION_BODY)).isNotEqualTo(signatures[1]);
    }

    @Test
    void shouldVerifyWithTheReceiversOwnCodeWhatTheSenderSigned() {
        WebhookSecret secret = WebhookSecret.generate();
        long now = System.currentTimeMillis() / 1000;
        byte[] body = "{\"id\":\"7-0\",\"data\":{\"amount\":1}}".getBytes(StandardCharsets.UTF_8);

        String header = WebhookSignature.header(List.of(secret), "7-0", now, body);

        assertThat(WebhookReceiver.verifies(secret.text(), "7-0", "" + now, body, header)).isTrue();
        assertThat(WebhookReceiver.verifies(WebhookSecret.generate().text(), "7-0", "" + now, body, header)).isFalse();
        assertThat(WebhookReceiver.verifies(secret.text(), "7-1", "" + now, body, header)).isFalse();
        body[body.length - 2] = '2';
        assertThat(WebhookReceiver.verifies(secret.text(), "7-0", "" + now, body, header)).isFalse();
    }

    @Test
    void shouldGenerateSecretsOfThirtyTwoBytesAndNeverPrintThem() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(secret.text()).startsWith("whsec_");
        assertThat(secret.bytes()).hasSize(32);
        assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
        assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    }

    @Test
    void shouldRefuseASecretWithoutItsPrefixOrOfTheWrongSize() {
        assertThatThrownBy(() -> new WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
