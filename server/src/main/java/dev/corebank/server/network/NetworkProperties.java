package dev.corebank.server.network;

import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.ReasonCode;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment network simulator, under {@code corebank.network} (role {@code network}). Its own code and the scheme's
 * clocks are the payments settings ({@code corebank.payments.network-code}, {@code ...auto-reject-millis}), so the
 * network and the banks read one set of timings. Faults are drawn from one seeded random source in the order messages
 * arrive: a seed fixes the mix of faults, and with one message at a time also which message gets which.
 *
 * @param participants        the banks' codes (environment {@code COREBANK_NETWORK_PARTICIPANTS}, comma separated)
 * @param consumers           messages handled at once
 * @param paymentsMax         payments the network remembers at the most; past it a new pacs.008 is refused (AG01)
 * @param reservationTimeoutSeconds the settlement reservation's own expiry in the network's ledger
 * @param seed                the faults' random seed
 * @param latencyMillis       added to every message the network sends
 * @param latencyJitterMillis a random extra latency up to this
 * @param dropRate            the share of messages the network sends that are lost
 * @param duplicateRate       the share sent twice
 * @param reorderRate         the share held back by up to {@code reorderDelayMillis}, so later ones overtake them
 * @param reorderDelayMillis  the longest hold-back of a reordered message
 * @param rejectRate          the share of new payments the network rejects itself, with {@code rejectReason}
 * @param rejectReason        the reason of those rejects
 * @param down                participants that are down: nothing is delivered to them or taken from them
 * @param silent              participants that never answer: their pacs.002 are ignored
 */
@ConfigurationProperties("corebank.network")
public record NetworkProperties(
        @DefaultValue List<String> participants,
        @DefaultValue("4") int consumers,
        @DefaultValue("1000000") int paymentsMax,
        @DefaultValue("3600") int reservationTimeoutSeconds,
        @DefaultValue("1") long seed,
        @DefaultValue("0") long latencyMillis,
        @DefaultValue("0") long latencyJitterMillis,
        @DefaultValue("0") double dropRate,
        @DefaultValue("0") double duplicateRate,
        @DefaultValue("0") double reorderRate,
        @DefaultValue("500") long reorderDelayMillis,
        @DefaultValue("0") double rejectRate,
        @DefaultValue(ReasonCode.TRANSACTION_FORBIDDEN) String rejectReason,
        @DefaultValue List<String> down,
        @DefaultValue List<String> silent) {

    public NetworkProperties {
        participants = codes(participants, "participants");
        down = codes(down, "down");
        silent = codes(silent, "silent");
        rate(dropRate, "drop-rate");
        rate(duplicateRate, "duplicate-rate");
        rate(reorderRate, "reorder-rate");
        rate(rejectRate, "reject-rate");
        ReasonCode.require(rejectReason);
        if (consumers < 1 || paymentsMax < 1 || reservationTimeoutSeconds < 1) {
            throw new IllegalArgumentException("corebank.network consumers, payments-max and"
                    + " reservation-timeout-seconds must be positive consumers=" + consumers + " paymentsMax="
                    + paymentsMax + " reservationTimeoutSeconds=" + reservationTimeoutSeconds);
        }
        if (latencyMillis < 0 || latencyJitterMillis < 0 || reorderDelayMillis < 0) {
            throw new IllegalArgumentException("corebank.network latencies must not be negative latencyMillis="
                    + latencyMillis + " latencyJitterMillis=" + latencyJitterMillis + " reorderDelayMillis="
                    + reorderDelayMillis);
        }
    }

    private static List<String> codes(List<String> codes, String name) {
        List<String> result = codes == null ? List.of() : codes.stream().map(String::strip)
                .filter(code -> !code.isEmpty()).toList();
        for (String code : result) {
            try {
                Iso.requireBankCode(code, "corebank.network." + name);
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("corebank.network." + name + " holds a code that is not 8 or 11"
                        + " upper-case letters and digits code=" + code, invalid);
            }
        }
        return result;
    }

    private static void rate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("corebank.network." + name + " must be in [0, 1] " + name + "="
                    + rate);
        }
    }
}
