package dev.corebank.server.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery limits, under {@code corebank.webhooks}. Each has a named default.
 *
 * @param allowedHosts             hosts and CIDR ranges (comma-separated in the environment,
 *                                 {@code COREBANK_WEBHOOKS_ALLOWED_HOSTS}) that may be delivered to although they
 *                                 are private, loopback, link-local or a metadata address; empty by default
 * @param connectTimeout           how long a delivery waits for the TCP (and TLS) connection
 * @param readTimeout              how long a delivery waits for the whole answer once connected
 * @param responseBytesMax         bytes of an answer read at the most; the rest is dropped unread
 * @param responseExcerptBytesMax  bytes of the answer kept in the delivery log
 * @param retryDelayFirst          the pause after the first failed attempt; each next pause doubles
 * @param retryDelayMax            the longest pause between two attempts (also the most a Retry-After may ask for)
 * @param attemptsMax              attempts of one delivery in all; after the last it is a dead letter
 * @param jitter                   each pause is scaled by a random factor in [1 - jitter, 1 + jitter]
 * @param disableAfter             an endpoint whose deliveries have failed without a success for this long is
 *                                 disabled, and its owner is told by the event {@code webhook.disabled}
 * @param rotationOverlapDefault   how long the previous secret still signs after a rotation, unless the rotation
 *                                 names its own overlap
 * @param rotationOverlapMax       the longest overlap a rotation may ask for
 * @param sendersMax               deliveries in flight at once
 * @param pollInterval             how often the dispatcher looks for deliveries that have become due
 * @param lease                    how long a claimed delivery is held by the dispatcher that claimed it; a crash
 *                                 frees it after this
 * @param redeliverEventsMax       deliveries one redelivery request may start again
 * @param subscriptionsPerKeyMax   subscriptions one API key may hold
 */
@ConfigurationProperties("corebank.webhooks")
public record WebhookProperties(
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue(CONNECT_TIMEOUT_DEFAULT) Duration connectTimeout,
        @DefaultValue(READ_TIMEOUT_DEFAULT) Duration readTimeout,
        @DefaultValue("" + RESPONSE_BYTES_MAX_DEFAULT) int responseBytesMax,
        @DefaultValue("" + RESPONSE_EXCERPT_BYTES_MAX_DEFAULT) int responseExcerptBytesMax,
        @DefaultValue(RETRY_DELAY_FIRST_DEFAULT) Duration retryDelayFirst,
        @DefaultValue(RETRY_DELAY_MAX_DEFAULT) Duration retryDelayMax,
        @DefaultValue("" + ATTEMPTS_MAX_DEFAULT) int attemptsMax,
        @DefaultValue("" + JITTER_DEFAULT) double jitter,
        @DefaultValue(DISABLE_AFTER_DEFAULT) Duration disableAfter,
        @DefaultValue(ROTATION_OVERLAP_DEFAULT) Duration rotationOverlapDefault,
        @DefaultValue(ROTATION_OVERLAP_MAX_DEFAULT) Duration rotationOverlapMax,
        @DefaultValue("" + SENDERS_MAX_DEFAULT) int sendersMax,
        @DefaultValue(POLL_INTERVAL_DEFAULT) Duration pollInterval,
        @DefaultValue(LEASE_DEFAULT) Duration lease,
        @DefaultValue("" + REDELIVER_EVENTS_MAX_DEFAULT) int redeliverEventsMax,
        @DefaultValue("" + SUBSCRIPTIONS_PER_KEY_MAX_DEFAULT) int subscriptionsPerKeyMax) {

    public static final String CONNECT_TIMEOUT_DEFAULT = "5s";
    public static final String READ_TIMEOUT_DEFAULT = "15s";
    public static final int RESPONSE_BYTES_MAX_DEFAULT = 64 * 1024;
    public static final int RESPONSE_EXCERPT_BYTES_MAX_DEFAULT = 1024;
    public static final String RETRY_DELAY_FIRST_DEFAULT = "5s";
    public static final String RETRY_DELAY_MAX_DEFAULT = "12h";
    /** With the defaults, 18 pauses: 5 s doubling to 11.4 h, then four of 12 h: about 2.9 days in all. */
    public static final int ATTEMPTS_MAX_DEFAULT = 19;
    public static final double JITTER_DEFAULT = 0.2;
    public static final String DISABLE_AFTER_DEFAULT = "5d";
    public static final String ROTATION_OVERLAP_DEFAULT = "24h";
    public static final String ROTATION_OVERLAP_MAX_DEFAULT = "7d";
    public static final int SENDERS_MAX_DEFAULT = 64;
    public static final String POLL_INTERVAL_DEFAULT = "500ms";
    public static final String LEASE_DEFAULT = "60s";
    public static final int REDELIVER_EVENTS_MAX_DEFAULT = 10_000;
    public static final int SUBSCRIPTIONS_PER_KEY_MAX_DEFAULT = 100;

    public WebhookProperties {
        allowedHosts = allowedHosts.stream().map(String::trim).filter(host -> !host.isEmpty()).toList();
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        positive("retryDelayFirst", retryDelayFirst);
        positive("pollInterval", pollInterval);
        positive("lease", lease);
        positive("disableAfter", disableAfter);
        positive("responseBytesMax", responseBytesMax);
        positive("responseExcerptBytesMax", responseExcerptBytesMax);
        positive("attemptsMax", attemptsMax);
        positive("sendersMax", sendersMax);
        positive("redeliverEventsMax", redeliverEventsMax);
        positive("subscriptionsPerKeyMax", subscriptionsPerKeyMax);
        if (retryDelayMax.compareTo(retryDelayFirst) < 0) {
            throw new IllegalArgumentException("retryDelayMax must be at least retryDelayFirst retryDelayFirst="
                    + retryDelayFirst + " retryDelayMax=" + retryDelayMax);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1) jitter=" + jitter);
        }
        if (responseExcerptBytesMax > responseBytesMax) {
            throw new IllegalArgumentException("responseExcerptBytesMax must not exceed responseBytesMax"
                    + " responseExcerptBytesMax=" + responseExcerptBytesMax + " responseBytesMax=" + responseBytesMax);
        }
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("lease must be longer than connectTimeout + readTimeout, or a slow"
                    + " delivery could be claimed twice lease=" + lease + " connectTimeout=" + connectTimeout
                    + " readTimeout=" + readTimeout);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }

    RetrySchedule retrySchedule() {
        return new RetrySchedule(retryDelayFirst, retryDelayMax, attemptsMax, jitter);
    }
}
