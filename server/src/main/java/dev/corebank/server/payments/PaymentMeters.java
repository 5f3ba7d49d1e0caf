package dev.corebank.server.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Payments' metrics: payments by direction and state, the time from acceptance to the final status, the in-flight
 * count and the age of the oldest, the saga's actions done and failed, and the messages received. The gauges read
 * the payments table, at most once a second.
 *
 * <pre>
 * corebank_payments{direction,state}                      gauge
 * corebank_payments_in_flight / _oldest_age_seconds       gauge
 * corebank_payment_final_seconds{direction,state}         timer (histogram)
 * corebank_payment_actions_total{action,outcome}          counter
 * corebank_payment_messages_received_total{type}          counter
 * </pre>
 */
final class PaymentMeters {
    private static final long REFRESH_MILLIS = 1_000;
    private final MeterRegistry registry;
    private final PaymentStore store;
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> byState = new ConcurrentHashMap<>();
    private final AtomicReference<PaymentStore.InFlight> inFlight =
            new AtomicReference<>(new PaymentStore.InFlight(0, 0));
    private volatile long refreshedAt;

    PaymentMeters(MeterRegistry registry, PaymentStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        Gauge.builder("corebank_payments_in_flight", this, meters -> meters.inFlight().count())
                .description("Payments not yet settled or rejected").register(registry);
        Gauge.builder("corebank_payments_oldest_age_seconds", this, PaymentMeters::oldestAgeSeconds)
                .description("Age of the oldest payment not yet final").register(registry);
        for (Payment.Direction direction : Payment.Direction.values()) {
            for (PaymentState state : PaymentState.values()) {
                String key = direction.name() + "/" + state.name();
                Gauge.builder("corebank_payments", this, meters -> meters.count(key))
                        .tag("direction", direction.name().toLowerCase(Locale.ROOT)).tag("state", state.wireName())
                        .description("Payments by direction and state").register(registry);
            }
        }
    }

    void finished(Payment payment, PaymentState state, long atMillis) {
        Timer.builder("corebank_payment_final_seconds").description("From acceptance to the final status")
                .tag("direction", payment.direction().name().toLowerCase(Locale.ROOT)).tag("state", state.wireName())
                .publishPercentileHistogram().register(registry)
                .record(Duration.ofMillis(Math.max(0, atMillis - payment.acceptedAt())));
    }

    void actionDone(PaymentAction action) {
        counter(action, "done").increment();
    }

    void actionFailed(PaymentAction action) {
        counter(action, "failed").increment();
    }

    void received(String type) {
        Counter.builder("corebank_payment_messages_received_total").tag("type", type).register(registry).increment();
    }

    private Counter counter(PaymentAction action, String outcome) {
        return Counter.builder("corebank_payment_actions_total").tag("action", action.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome).register(registry);
    }

    private double count(String key) {
        refresh();
        return byState.getOrDefault(key, 0L);
    }

    private PaymentStore.InFlight inFlight() {
        refresh();
        return inFlight.get();
    }

    private double oldestAgeSeconds() {
        PaymentStore.InFlight current = inFlight();
        return current.count() == 0 ? 0 : Math.max(0, clock.millis() - current.oldestAcceptedAt()) / 1000.0;
    }

    private void refresh() {
        long now = clock.millis();
        if (now - refreshedAt < REFRESH_MILLIS) {
            return;
        }
        refreshedAt = now;
        inFlight.set(store.inFlight());
        byState.clear();
        for (Object[] row : store.countsByState()) {
            byState.put(row[0] + "/" + row[1], (Long) row[2]);
        }
    }
}
