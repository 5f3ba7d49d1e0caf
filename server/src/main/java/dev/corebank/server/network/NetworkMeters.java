package dev.corebank.server.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network's metrics.
 *
 * <pre>
 * corebank_network_messages_total{type,direction}   counter: in and out
 * corebank_network_payments_total{status,reason}    counter: decisions (settled, rejected by reason)
 * corebank_network_faults_total{fault}              counter: dropped, duplicated, reordered, delayed, rejected,
 *                                                   participant-down, silent
 * corebank_network_payments_in_flight               gauge
 * </pre>
 */
final class NetworkMeters {
    private final MeterRegistry registry;
    private final AtomicLong inFlight = new AtomicLong();

    NetworkMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("corebank_network_payments_in_flight", inFlight, AtomicLong::get)
                .description("Payments reserved and waiting for the creditor agent").register(registry);
    }

    void message(String type, String direction) {
        Counter.builder("corebank_network_messages_total").tag("type", type).tag("direction", direction)
                .register(registry).increment();
    }

    void payment(NetworkPayment.Status status, String reason) {
        Counter.builder("corebank_network_payments_total").tag("status", status.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason == null ? "none" : reason).register(registry).increment();
    }

    void fault(String fault) {
        Counter.builder("corebank_network_faults_total").tag("fault", fault).register(registry).increment();
    }

    void inFlight(int change) {
        inFlight.addAndGet(change);
    }
}
