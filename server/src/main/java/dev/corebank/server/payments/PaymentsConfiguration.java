package dev.corebank.server.payments;

import dev.corebank.server.accounts.ChartProperties;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.TableReactor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires payments. The API is always there (it answers 503 payments_off without a bank code); the saga (its reactor,
 * its workers and the network link) runs only when {@code corebank.payments.bank-code} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfiguration {
    static final String REACTOR_NAME = "payments";
    private static final String ENABLED = "'${corebank.payments.bank-code:}' != ''";

    @Bean
    PaymentStore paymentStore(JdbcTemplate jdbc) {
        return new PaymentStore(jdbc);
    }

    @Bean
    PaymentFacts paymentFacts(JsonMapper json) {
        return new PaymentFacts(json);
    }

    @Bean
    PaymentMeters paymentMeters(MeterRegistry registry, PaymentStore store) {
        return new PaymentMeters(registry, store, Clock.systemUTC());
    }

    @Bean
    PaymentService paymentService(Commands commands, PaymentStore store, PaymentFacts facts,
                                  PaymentsProperties properties) {
        return new PaymentService(commands, store, facts, properties, Clock.systemUTC());
    }

    /** The workers, woken by the reactor through this reference once both exist. */
    @Bean
    @ConditionalOnExpression(ENABLED)
    AtomicReference<PaymentWorkers> paymentWorkersReference() {
        return new AtomicReference<>();
    }

    @Bean
    @ConditionalOnExpression(ENABLED)
    PaymentProjection paymentProjection(PaymentStore store, PaymentFacts facts, ChartProperties chart,
                                        PaymentsProperties properties, JsonMapper json, PaymentMeters meters,
                                        AtomicReference<PaymentWorkers> workers) {
        return new PaymentProjection(store, facts, new PaymentAccounts(chart.currencies()), properties, json, meters,
                () -> {
                    PaymentWorkers started = workers.get();
                    if (started != null) {
                        started.wake();
                    }
                });
    }

    @Bean
    @ConditionalOnExpression(ENABLED)
    TableReactor paymentsReactor(PaymentProjection projection, JdbcTemplate jdbc,
                                 PlatformTransactionManager transactions, ReactorProperties reactors) {
        return new TableReactor(REACTOR_NAME, projection, jdbc, transactions, reactors, false);
    }

    @Bean
    @ConditionalOnExpression(ENABLED)
    PaymentSaga paymentSaga(PaymentStore store, Commands commands, PaymentFacts facts, PaymentProjection projection,
                            PaymentsProperties properties, PaymentMeters meters, JsonMapper json,
                            AtomicReference<PaymentWorkers> reference,
                            @Value("${corebank.rabbitmq.uri:}") String rabbitmqUri) {
        if (rabbitmqUri.isBlank()) {
            throw new IllegalStateException("corebank.payments.bank-code is set, so this bank joins the payment"
                    + " network, but the network's broker is not: set COREBANK_RABBITMQ_URI (corebank.rabbitmq.uri)"
                    + " bankCode=" + properties.bankCode());
        }
        PaymentWorkers workers = new PaymentWorkers(store, commands, facts, projection, properties, Clock.systemUTC(),
                meters);
        reference.set(workers);
        PaymentInbox inbox = new PaymentInbox(commands, facts, json, meters);
        return new PaymentSaga(() -> NetworkLink.connect(rabbitmqUri, properties.bankCode(), json,
                properties.prefetch(), properties.workers(), inbox), workers);
    }
}
