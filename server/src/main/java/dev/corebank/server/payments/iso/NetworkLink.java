package dev.corebank.server.payments.iso;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One participant's connection to the payment network over RabbitMQ: the network itself, or a bank. Every participant
 * has a quorum queue {@code corebank.payments.<code>} bound to the direct exchange {@code corebank.payments} with its
 * code as the routing key; the network's code is {@link #NETWORK}. A message is sent by publishing to the exchange
 * with the receiver's code, with publisher confirms, so {@link #send} returns only once the broker holds it.
 *
 * <p>A received message is acknowledged after {@link Handler#handle} returned, that is after the receiver made its
 * effect durable: a crash before that leaves it in the queue and it is delivered again, which every receiver treats
 * as a repeat (the ids are the same). A body that is not a valid message is rejected without requeue and logged; a
 * handler that throws gets the message again after {@code retryDelayMillis}.
 *
 * <pre>
 * headers: corebank-message-type  the MsgDefIdr, e.g. pacs.008.001.08
 *          traceparent            W3C trace context of the step that sent it, so one trace spans every hop
 * properties: message-id = GrpHdr/MsgId, content-type = application/json, delivery-mode = persistent
 * </pre>
 */
public final class NetworkLink implements AutoCloseable {
    public static final String EXCHANGE = "corebank.payments";
    public static final String QUEUE_PREFIX = "corebank.payments.";
    /** The network's participant code by default, its queue's routing key (corebank.payments.network-code). */
    public static final String NETWORK = "NETWORK0";
    public static final String HEADER_TYPE = "corebank-message-type";
    public static final String HEADER_TRACEPARENT = "traceparent";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkLink.class);
    private static final long CONFIRM_WAIT_MILLIS = 10_000;
    private static final long RETRY_DELAY_MILLIS = 200;

    /** What a participant does with a message; it returns once the effect is durable. */
    public interface Handler {
        void handle(PacsMessage message, String traceparent);
    }

    private final String code;
    private final JsonMapper json;
    private final Connection connection;
    private final java.util.List<Channel> consuming = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadLocal<Channel> publishing;
    private final java.util.List<Channel> publishingChannels = new java.util.concurrent.CopyOnWriteArrayList<>();

    private NetworkLink(String code, JsonMapper json, Connection connection) {
        this.code = code;
        this.json = json;
        this.connection = connection;
        this.publishing = ThreadLocal.withInitial(this::openConfirmingChannel);
    }

    /**
     * Connects as participant {@code code}, declares the exchange and the participant's queue (idempotent), and
     * starts {@code consumers} consumers on it, each with its own channel, handling one message at a time with at most
     * {@code prefetch} unacknowledged: several in flight at once let the receiver's journal group-commit them. The
     * order of the queue then holds within a consumer only; every receiver judges a message by the state it meets.
     */
    public static NetworkLink connect(String uri, String code, JsonMapper json, int prefetch, int consumers,
                                      Handler handler) {
        Objects.requireNonNull(handler, "handler");
        if (consumers < 1 || prefetch < 1) {
            throw new IllegalArgumentException("consumers and prefetch must be positive consumers=" + consumers
                    + " prefetch=" + prefetch);
        }
        Iso.requireBankCode(code, "participant code");
        Connection connection = null;
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            factory.setAutomaticRecoveryEnabled(true);
            factory.setConnectionTimeout(10_000);
            connection = factory.newConnection("corebank-payments-" + code);
            Channel declaring = connection.createChannel();
            declare(declaring, code);
            declaring.close();
            NetworkLink link = new NetworkLink(code, json, connection);
            for (int index = 0; index < consumers; index++) {
                Channel channel = connection.createChannel();
                channel.basicQos(prefetch);
                link.consuming.add(channel);
                channel.basicConsume(queue(code), false, "corebank-payments-" + code + "-" + index,
                        link.consumer(channel, handler));
            }
            return link;
        } catch (IOException | TimeoutException | java.security.GeneralSecurityException
                 | java.net.URISyntaxException failure) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot connect to the payment network over RabbitMQ participant=" + code
                    + ": " + failure.getMessage(), failure);
        }
    }

    /** The queue of a participant. */
    public static String queue(String code) {
        return QUEUE_PREFIX + code;
    }

    /** Declares the exchange and a participant's queue; the same declarations every time. */
    public static void declare(Channel channel, String code) throws IOException {
        channel.exchangeDeclare(EXCHANGE, "direct", true);
        channel.queueDeclare(queue(code), true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(queue(code), EXCHANGE, code);
    }

    /** This participant's code. */
    public String code() {
        return code;
    }

    /**
     * Publishes {@code message} to participant {@code to} and waits for the broker's confirm. Throws when the broker
     * did not confirm: the caller retries with the same message.
     */
    public void send(String to, PacsMessage message, String traceparent) {
        byte[] body = json.writeValueAsBytes(message);
        Map<String, Object> headers = new HashMap<>();
        headers.put(HEADER_TYPE, message.type());
        if (traceparent != null && !traceparent.isEmpty()) {
            headers.put(HEADER_TRACEPARENT, traceparent);
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(message.groupHeader().messageId())
                .headers(headers)
                .build();
        Channel channel = publishing.get();
        try {
            channel.basicPublish(EXCHANGE, to, true, properties, body);
            channel.waitForConfirmsOrDie(CONFIRM_WAIT_MILLIS);
        } catch (IOException | TimeoutException | ShutdownSignalException failure) {
            publishing.remove();
            closeQuietly(channel);
            throw new IllegalStateException("the broker did not confirm a message to=" + to + " type="
                    + message.type() + " uetr=" + message.uetr() + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to=" + to, interrupted);
        }
    }

    /** Whether the connection to the broker is open. */
    public boolean connected() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private Channel openConfirmingChannel() {
        try {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            publishingChannels.add(channel);
            return channel;
        } catch (IOException failure) {
            throw new IllegalStateException("cannot open a publishing channel participant=" + code, failure);
        }
    }

    private DefaultConsumer consumer(Channel consuming, Handler handler) {
        return new DefaultConsumer(consuming) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                PacsMessage message;
                try {
                    message = json.readValue(body, PacsMessage.class);
                } catch (JacksonException | IllegalArgumentException invalid) {
                    LOG.error("payment network: refused a message that is not valid participant={} messageId={}"
                                    + " reason={} body={}", code, properties.getMessageId(), invalid.getMessage(),
                            new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8));
                    consuming.basicReject(envelope.getDeliveryTag(), false);
                    return;
                }
                Object traceparent = properties.getHeaders() == null ? null
                        : properties.getHeaders().get(HEADER_TRACEPARENT);
                try {
                    handler.handle(message, traceparent == null ? null : traceparent.toString());
                    consuming.basicAck(envelope.getDeliveryTag(), false);
                } catch (RuntimeException failed) {
                    LOG.warn("payment network: a message failed and will be delivered again participant={} type={}"
                            + " uetr={} reason={}", code, message.type(), message.uetr(), failed.toString());
                    pause();
                    consuming.basicNack(envelope.getDeliveryTag(), false, true);
                }
            }
        };
    }

    /** A short pause before a failed message is delivered again, so a failing store is not hammered. */
    private static void pause() {
        try {
            Thread.sleep(RETRY_DELAY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing a connection that is already gone has nothing left to do.
        }
    }
}
