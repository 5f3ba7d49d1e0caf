package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard. The rules are checked on literal addresses given by a resolver seam (nothing is sent to them); the
 * end-to-end refusal sends to a real receiver on loopback, without the allowlist, and the receiver gets nothing.
 */
class AddressGuardTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "192.168.1.1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "0.0.0.0, unspecified", "100.64.0.1, carrier-grade NAT", "fd00:ec2::254, unique-local",
            "224.0.0.1, multicast", "::ffff:10.0.0.1, private", "240.0.0.1, reserved"})
    void shouldRefuseAnInternalAddress(String address, String kind) throws UnknownHostException {
        AddressGuard guard = new AddressGuard(List.of(), host -> new InetAddress[] {InetAddress.getByName(address)});

        assertThat(AddressGuard.internalKind(InetAddress.getByName(address))).isEqualTo(kind);
        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.example.com/x")))
                .isInstanceOf(AddressGuard.Refused.class).hasMessageContaining(kind);
    }

    @Test
    void shouldAllowAPublicAddress() throws Exception {
        AddressGuard guard = new AddressGuard(List.of(), host -> new InetAddress[] {InetAddress.getByName(
                "93.184.215.14")});

        guard.check(URI.create("https://hooks.example.com/x"));
    }

    @Test
    void shouldRefuseANameWithOneInternalAddressAmongPublicOnes() throws UnknownHostException {
        InetAddress[] answer = {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")};
        AddressGuard guard = new AddressGuard(List.of(), host -> answer);

        assertThatThrownBy(() -> guard.check(URI.create("https://rebinding.example.com/x")))
                .isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("address=10.0.0.7");
    }

    @Test
    void shouldAllowAnAllowlistedRangeOrHostName() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        new AddressGuard(List.of("127.0.0.0/8"), host -> new InetAddress[] {loopback})
                .check(URI.create("http://receiver.internal/x"));
        new AddressGuard(List.of("receiver.internal"), host -> {
            throw new UnknownHostException("never resolved: the name is allowed as it is");
        }).check(URI.create("http://receiver.internal/x"));
        assertThatThrownBy(() -> new AddressGuard(List.of("10.0.0.0/8"), host -> new InetAddress[] {loopback})
                .check(URI.create("http://receiver.internal/x"))).isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttpOrCarriesUserInformation() {
        assertThatThrownBy(() -> AddressGuard.parse("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> AddressGuard.parse("gopher://x/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> AddressGuard.parse("https://user:pass@example.com/"))
                .hasMessageContaining("user information");
        assertThat(AddressGuard.parse("https://example.com/hook").getHost()).isEqualTo("example.com");
    }

    @Test
    void shouldRefuseToSendToLoopbackWithoutTheAllowlistAndSendNothing() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookProperties properties = properties(List.of());
            WebhookSender sender = new WebhookSender(properties, new AddressGuard(properties.allowedHosts()));

            WebhookSender.Result result = sender.send(URI.create(receiver.url("/ok/ssrf")),
                    List.of("webhook-id", "1-0"), "{}".getBytes());

            assertThat(result.outcome()).isEqualTo(WebhookSender.Outcome.REFUSED);
            assertThat(result.error()).contains("loopback").contains("address=127.0.0.1");
            assertThat(receiver.receivedAt("/ok/ssrf")).isEmpty();

            WebhookProperties allowed = properties(List.of("127.0.0.1/32"));
            WebhookSender.Result delivered = new WebhookSender(allowed, new AddressGuard(allowed.allowedHosts()))
                    .send(URI.create(receiver.url("/ok/ssrf")), List.of("webhook-id", "1-0"), "{}".getBytes());
            assertThat(delivered.outcome()).isEqualTo(WebhookSender.Outcome.DELIVERED);
            assertThat(receiver.receivedAt("/ok/ssrf")).hasSize(1);
        }
    }

    private static WebhookProperties properties(List<String> allowedHosts) {
        return new WebhookProperties(allowedHosts, Duration.ofSeconds(1), Duration.ofSeconds(2), 65536, 1024,
                Duration.ofSeconds(5), Duration.ofHours(12), 19, 0.2, Duration.ofDays(5), Duration.ofHours(24),
                Duration.ofDays(7), 8, Duration.ofMillis(500), Duration.ofSeconds(60), 10_000, 100);
    }
}
