package dev.corebank.server.consumers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A consumer's RabbitMQ side. Its queue {@code <prefix><consumer>} is a quorum queue bound to the events exchange
 * (durable, topic) with one binding per handled type ({@code transfer.posted.*}), declared with:
 *
 * <pre>
 * x-queue-type            quorum          replicated, and counts deliveries (x-delivery-count)
 * x-delivery-limit        N               a message delivered N times without an acknowledgement is dead-lettered
 *                                         by the broker: the consumer died on it every time
 * x-dead-letter-exchange  the DLX         a direct exchange; routing key the consumer's name
 * x-dead-letter-strategy  at-least-once   the broker keeps a dead letter until the dead-letter queue confirms it
 * x-overflow              reject-publish  which at-least-once dead lettering needs
 * x-single-active-consumer true           one instance consumes at a time, so the queue's order holds
 * </pre>
 *
 * The dead-letter queue {@code <prefix><consumer>.dead-letters} (quorum) is bound to the DLX. The consumer itself
 * publishes what it gives up to the DLX, with publisher confirms and the cause in headers
 * ({@code corebank-dead-letter-reason}, {@code -cause}, {@code -attempts}), before it acknowledges the original; the
 * broker's own dead lettering is the safety net behind it.
 */
final class RabbitTransport implements Transport {
    static final String HEADER_REASON = "corebank-dead-letter-reason";
    static final String HEADER_CAUSE = "corebank-dead-letter-cause";
    static final String HEADER_ATTEMPTS = "corebank-dead-letter-attempts";
    static final String HEADER_CONSUMER = "corebank-dead-letter-consumer";
    static final String DELIVERY_COUNT = "x-delivery-count";
    private static final long CONFIRM_WAIT_MILLIS = 10_000;

    /** Names and limits; see {@link ConsumersProperties.Rabbitmq}. */
    record Settings(String uri, String exchange, String deadLetterExchange, String queuePrefix, int deliveryLimit,
                    int prefetch) {
        String queue(String consumer) {
            return queuePrefix + consumer;
        }

        String deadLetterQueue(String consumer) {
            return queuePrefix + consumer + ".dead-letters";
        }
    }

    private final Settings settings;
    private final EventHandler handler;
    private final String queue;
    private LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private Connection connection;
    private Channel channel;
    private Channel confirms;

    RabbitTransport(Settings settings, EventHandler handler) {
        if (settings.deliveryLimit() < 1 || settings.prefetch() < 1) {
            throw new IllegalArgumentException("deliveryLimit and prefetch must be positive deliveryLimit="
                    + settings.deliveryLimit() + " prefetch=" + settings.prefetch());
        }
        this.settings = settings;
        this.handler = handler;
        this.queue = settings.queue(handler.name());
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public void connect() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(settings.uri());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(10_000);
            connection = factory.newConnection("corebank-consumer-" + handler.name());
            channel = connection.createChannel();
            declare(channel, settings, handler);
            confirms = connection.createChannel();
            confirms.confirmSelect();
            channel.basicQos(settings.prefetch());
            LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
            received = inbox;
            channel.basicConsume(queue, false, "corebank-" + handler.name(), new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    inbox.add(delivery(envelope, properties, body));
                }
            });
        } catch (IOException | TimeoutException | java.security.GeneralSecurityException
                 | java.net.URISyntaxException failure) {
            close();
            throw new IllegalStateException("cannot connect to RabbitMQ consumer=" + handler.name() + ": "
                    + failure.getMessage(), failure);
        }
    }

    /** Declares the consumer's queues, exchanges and bindings; the same declarations every time, so it is idempotent. */
    static void declare(Channel channel, Settings settings, EventHandler handler) throws IOException {
        String consumer = handler.name();
        channel.exchangeDeclare(settings.exchange(), "topic", true);
        channel.exchangeDeclare(settings.deadLetterExchange(), "direct", true);
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        channel.queueDeclare(settings.deadLetterQueue(consumer), true, false, false, quorum);
        channel.queueBind(settings.deadLetterQueue(consumer), settings.deadLetterExchange(), consumer);
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", "quorum");
        arguments.put("x-delivery-limit", settings.deliveryLimit());
        arguments.put("x-dead-letter-exchange", settings.deadLetterExchange());
        arguments.put("x-dead-letter-routing-key", consumer);
        arguments.put("x-dead-letter-strategy", "at-least-once");
        arguments.put("x-overflow", "reject-publish");
        arguments.put("x-single-active-consumer", true);
        channel.queueDeclare(settings.queue(consumer), true, false, false, arguments);
        for (String type : handler.types()) {
            channel.queueBind(settings.queue(consumer), settings.exchange(), type + ".*");
        }
    }

    private Delivery delivery(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders();
        int previous = headers != null && headers.get(DELIVERY_COUNT) instanceof Number count ? count.intValue() : 0;
        return new Delivery(queue, EventWire.fromAmqp(headers), properties.getContentType(), body, 0, null, previous,
                envelope.getDeliveryTag(), envelope.getExchange() + "/" + envelope.getRoutingKey());
    }

    @Override
    public List<Delivery> poll(int max, Duration wait) {
        List<Delivery> batch = new ArrayList<>();
        try {
            Delivery first = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                requireOpen();
                return batch;
            }
            batch.add(first);
            received.drainTo(batch, max - 1);
            return batch;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return batch;
        }
    }

    @Override
    public void deadLetter(Delivery delivery, DeadLetter letter) {
        Map<String, Object> headers = new HashMap<>();
        delivery.attributes().forEach((name, value) -> headers.put(EventWire.AMQP_PREFIX + name, value));
        headers.put(HEADER_REASON, letter.reason());
        headers.put(HEADER_CAUSE, letter.cause());
        headers.put(HEADER_ATTEMPTS, letter.attempts());
        headers.put(HEADER_CONSUMER, letter.consumer());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers).deliveryMode(2)
                .contentType(delivery.contentType()).build();
        try {
            confirms.basicPublish(settings.deadLetterExchange(), letter.consumer(), properties, delivery.body());
            confirms.waitForConfirmsOrDie(CONFIRM_WAIT_MILLIS);
        } catch (IOException | TimeoutException failure) {
            throw new IllegalStateException("RabbitMQ did not confirm a dead letter consumer=" + letter.consumer()
                    + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a dead letter's confirm", interrupted);
        }
    }

    @Override
    public void acknowledge(List<Delivery> handled) {
        if (handled.isEmpty()) {
            return;
        }
        try {
            // Deliveries arrive and are handled in tag order, so one multiple ack covers the batch.
            channel.basicAck(handled.get(handled.size() - 1).receipt(), true);
        } catch (IOException failure) {
            throw new IllegalStateException("cannot acknowledge on RabbitMQ queue=" + queue, failure);
        }
    }

    @Override
    public OptionalLong lagMessages() {
        try {
            return OptionalLong.of(channel.messageCount(queue));
        } catch (IOException | RuntimeException unknown) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void wakeup() {
        // A poll waits at most its given time and returns at an interrupt; nothing to do.
    }

    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close(5_000);
            } catch (IOException | RuntimeException ignored) {
                // Closing a broken connection fails; it is closed either way.
            }
        }
    }

    private void requireOpen() {
        if (connection == null || !connection.isOpen() || !channel.isOpen()) {
            Object reason = connection == null ? "closed" : !connection.isOpen() ? connection.getCloseReason()
                    : channel.getCloseReason();
            throw new IllegalStateException("the RabbitMQ connection closed queue=" + queue + " reason=" + reason);
        }
    }
}
