package dev.corebank.server.payments;

import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.SchemeTimings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payments between banks, under {@code corebank.payments}. The bank joins the payment network when it has a
 * participant code ({@code bank-code}, environment {@code COREBANK_BANK_CODE}); it then needs the network's broker
 * ({@code corebank.rabbitmq.uri}, {@code COREBANK_RABBITMQ_URI}). Without a code the payments API answers 503 and
 * nothing connects.
 *
 * @param bankCode             this bank's participant code (BIC-like); empty: payments are off
 * @param networkCode          the network's participant code: the routing key of its queue
 * @param targetMillis         the scheme's execution target (SEPA Instant 2025: 5 s)
 * @param autoRejectMillis     the scheme's hard time-out (7 s)
 * @param finalAnswerMillis    the debtor's bank asks and resends when it has no final answer by then (9 s)
 * @param legalMaximumMillis   nothing may be open on the scheme's side after it (10 s)
 * @param holdTimeoutSeconds   the reservation's own expiry: far past the scheme's last possible answer, so a hold is
 *                             never released while the network may still settle the payment
 * @param statusRequestMillis  how long after one status request (pacs.028) the next is sent while no final answer came
 * @param workers              threads that carry out the saga's steps
 * @param prefetch             messages from the network in flight to this bank at the most
 * @param limits               limits per currency (ISO 4217 code); a currency not listed has none
 */
@ConfigurationProperties("corebank.payments")
public record PaymentsProperties(
        @DefaultValue("") String bankCode,
        @DefaultValue(NETWORK_CODE_DEFAULT) String networkCode,
        @DefaultValue("5000") long targetMillis,
        @DefaultValue("7000") long autoRejectMillis,
        @DefaultValue("9000") long finalAnswerMillis,
        @DefaultValue("10000") long legalMaximumMillis,
        @DefaultValue("" + HOLD_TIMEOUT_SECONDS_DEFAULT) int holdTimeoutSeconds,
        @DefaultValue("" + STATUS_REQUEST_MILLIS_DEFAULT) long statusRequestMillis,
        @DefaultValue("" + WORKERS_DEFAULT) int workers,
        @DefaultValue("" + PREFETCH_DEFAULT) int prefetch,
        @DefaultValue Map<String, Limit> limits) {

    public static final String NETWORK_CODE_DEFAULT = "NETWORK0";
    public static final int HOLD_TIMEOUT_SECONDS_DEFAULT = 86_400;
    public static final long STATUS_REQUEST_MILLIS_DEFAULT = 5_000;
    public static final int WORKERS_DEFAULT = 4;
    public static final int PREFETCH_DEFAULT = 256;

    /**
     * A currency's limits for payments out of customer accounts, in minor units; 0 means none.
     *
     * @param perTransactionMinor one payment at the most
     * @param perDayMinor         the sum of one debtor account's payments accepted on one business date
     */
    public record Limit(@DefaultValue("0") long perTransactionMinor, @DefaultValue("0") long perDayMinor) {
        public Limit {
            if (perTransactionMinor < 0 || perDayMinor < 0) {
                throw new IllegalArgumentException("payment limits must not be negative perTransactionMinor="
                        + perTransactionMinor + " perDayMinor=" + perDayMinor);
            }
        }
    }

    public PaymentsProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        if (!bankCode.isEmpty()) {
            Iso.requireBankCode(bankCode, "corebank.payments.bank-code");
        }
        Iso.requireBankCode(networkCode, "corebank.payments.network-code");
        if (networkCode.equals(bankCode)) {
            throw new IllegalArgumentException("a bank's code must differ from the network's bankCode=" + bankCode);
        }
        SchemeTimings timings = new SchemeTimings(Duration.ofMillis(targetMillis), Duration.ofMillis(autoRejectMillis),
                Duration.ofMillis(finalAnswerMillis), Duration.ofMillis(legalMaximumMillis));
        if (Duration.ofSeconds(holdTimeoutSeconds).compareTo(timings.legalMaximum().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("corebank.payments.hold-timeout-seconds must be at least twice the"
                    + " scheme's legal maximum, so a hold outlives every answer holdTimeoutSeconds="
                    + holdTimeoutSeconds + " legalMaximumMillis=" + legalMaximumMillis);
        }
        if (statusRequestMillis < 1 || workers < 1 || prefetch < 1) {
            throw new IllegalArgumentException("corebank.payments status-request-millis, workers and prefetch must be"
                    + " positive statusRequestMillis=" + statusRequestMillis + " workers=" + workers + " prefetch="
                    + prefetch);
        }
    }

    /** Whether this bank is a participant of the network. */
    public boolean enabled() {
        return !bankCode.isEmpty();
    }

    public SchemeTimings timings() {
        return new SchemeTimings(Duration.ofMillis(targetMillis), Duration.ofMillis(autoRejectMillis),
                Duration.ofMillis(finalAnswerMillis), Duration.ofMillis(legalMaximumMillis));
    }

    /** The limits of a currency; none when it is not configured. */
    public Limit limit(String currency) {
        return limits.getOrDefault(currency, new Limit(0, 0));
    }

    /** The currencies that have a limit, for the docs and the start-up log. */
    public List<String> limitedCurrencies() {
        return limits.keySet().stream().sorted().toList();
    }
}
