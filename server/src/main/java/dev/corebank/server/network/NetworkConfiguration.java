package dev.corebank.server.network;

import dev.corebank.server.accounts.ChartProperties;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.payments.PaymentsProperties;
import dev.corebank.server.payments.iso.NetworkLink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the network simulator when the role {@code network} is on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetworkProperties.class)
class NetworkConfiguration {
    @Bean
    @ConditionalOnExpression("'${corebank.roles:api}'.toLowerCase().contains('network')")
    NetworkNode networkNode(NetworkProperties properties, PaymentsProperties payments, ChartProperties chart,
                            Commands commands, MeterRegistry registry, JsonMapper json,
                            @Value("${corebank.rabbitmq.uri:}") String rabbitmqUri) {
        if (rabbitmqUri.isBlank()) {
            throw new IllegalStateException("the role network needs its broker: set COREBANK_RABBITMQ_URI"
                    + " (corebank.rabbitmq.uri)");
        }
        if (properties.participants().isEmpty()) {
            throw new IllegalStateException("the role network needs its participants: set"
                    + " COREBANK_NETWORK_PARTICIPANTS (corebank.network.participants), e.g. BANKAAAA,BANKBBBB");
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
                .name("network-timer-", 0).daemon(true).factory());
        Settlement settlement = new Settlement(commands, properties);
        ClearingHouse clearingHouse = new ClearingHouse(payments.networkCode(), properties, payments.timings(),
                settlement, new NetworkFaults(properties), new NetworkMeters(registry), scheduler,
                Clock.systemUTC());
        return new NetworkNode(properties, chart.currencies(), settlement, clearingHouse, scheduler,
                () -> NetworkLink.connect(rabbitmqUri, payments.networkCode(), json, 64, properties.consumers(),
                        clearingHouse));
    }
}
