package dev.corebank.server.bus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the RabbitMQ publisher, under {@code corebank.rabbitmq}. The publisher runs only when {@code uri} is set
 * (environment {@code COREBANK_RABBITMQ_URI}, for example {@code amqp://guest:guest@127.0.0.1:5672}).
 *
 * @param uri                  the broker's AMQP URI; empty turns the publisher off
 * @param exchange             the durable topic exchange events are published to
 * @param confirmWindowMax     messages published but not yet confirmed, at the most: the pipeline's depth
 * @param confirmTimeoutMillis how long the broker may confirm nothing while messages wait for it before the run fails
 *                             and the publisher backs off
 * @param connectTimeoutMillis how long connecting to the broker may take
 * @param requiredForReadiness whether readiness is OUT_OF_SERVICE while the publisher is failing or lags behind
 */
@ConfigurationProperties("corebank.rabbitmq")
record RabbitBusProperties(
        @DefaultValue("") String uri,
        @DefaultValue(EXCHANGE_DEFAULT) String exchange,
        @DefaultValue("" + CONFIRM_WINDOW_MAX_DEFAULT) int confirmWindowMax,
        @DefaultValue("" + CONFIRM_TIMEOUT_MILLIS_DEFAULT) long confirmTimeoutMillis,
        @DefaultValue("" + CONNECT_TIMEOUT_MILLIS_DEFAULT) int connectTimeoutMillis,
        @DefaultValue("true") boolean requiredForReadiness) {

    static final String EXCHANGE_DEFAULT = "corebank.events";
    static final int CONFIRM_WINDOW_MAX_DEFAULT = 4096;
    static final long CONFIRM_TIMEOUT_MILLIS_DEFAULT = 15_000;
    static final int CONNECT_TIMEOUT_MILLIS_DEFAULT = 5_000;

    RabbitBusProperties {
        if (exchange.isBlank()) {
            throw new IllegalArgumentException("corebank.rabbitmq.exchange must not be blank");
        }
        if (confirmWindowMax < 1 || confirmTimeoutMillis < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("corebank.rabbitmq confirm-window-max, confirm-timeout-millis and"
                    + " connect-timeout-millis must be positive confirmWindowMax=" + confirmWindowMax
                    + " confirmTimeoutMillis=" + confirmTimeoutMillis + " connectTimeoutMillis="
                    + connectTimeoutMillis);
        }
    }

    static RabbitBusProperties of(String uri, String exchange) {
        return new RabbitBusProperties(uri, exchange, CONFIRM_WINDOW_MAX_DEFAULT, CONFIRM_TIMEOUT_MILLIS_DEFAULT,
                CONNECT_TIMEOUT_MILLIS_DEFAULT, true);
    }

    RabbitBusProperties withConfirmTimeoutMillis(long millis) {
        return new RabbitBusProperties(uri, exchange, confirmWindowMax, millis, connectTimeoutMillis,
                requiredForReadiness);
    }
}
