package dev.corebank.server.bus;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every journal event to a durable RabbitMQ topic exchange as a CloudEvent (see {@link RabbitMessages}),
 * with the routing key {@code <noun>.<verb>.<ledger>} ({@link CloudEvent#routingKey()}, e.g.
 * {@code transfer.posted.usd}): a reactor with an AFTER_EFFECT checkpoint and the STOP policy.
 *
 * <p>Publisher confirms are asynchronous and pipelined: a run publishes its messages with up to
 * {@code confirm-window-max} unconfirmed, then waits for the rest; only then does the runtime store the checkpoint.
 * One channel publishes, so the exchange receives the events in journal order. RabbitMQ cannot be asked what it
 * holds, so after a crash, a lost connection or a nack the run is published again from the checkpoint: at least
 * once, each repeat with the same id and the same bytes, and consumers deduplicate by id. A message that no queue's
 * binding matches is dropped by the broker (and confirmed): bind the queues before the events they must see.
 */
final class RabbitPublisher implements Reactor {
    static final String NAME = "rabbitmq-publisher";
    private static final Logger LOG = LoggerFactory.getLogger(RabbitPublisher.class);

    private final RabbitBusProperties properties;
    private final CloudEvents cloudEvents;
    private final BusMeters meters;
    private final PublishReceipts receipts;
    private Connection connection;
    private Channel channel;
    private RabbitConfirms confirms;

    RabbitPublisher(RabbitBusProperties properties, CloudEvents cloudEvents, BusMeters meters,
                    PublishReceipts receipts) {
        this.properties = properties;
        this.cloudEvents = cloudEvents;
        this.meters = meters;
        this.receipts = receipts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public boolean requiredForReadiness() {
        return properties.requiredForReadiness();
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        long messages;
        try {
            connect();
            messages = publish(run);
        } catch (IOException | RuntimeException failure) {
            if (confirms != null) {
                meters.confirmed(NAME, false, confirms.takeRefused());
            }
            disconnect();
            throw new IllegalStateException("publishing to RabbitMQ failed exchange=" + properties.exchange()
                    + " cause=" + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            disconnect();
            throw new IllegalStateException("interrupted while waiting for confirms exchange="
                    + properties.exchange(), interrupted);
        }
        meters.published(NAME, messages);
        meters.acknowledged(NAME, run);
        receipts.record(NAME, run.getFirst().sequence(), run.getLast().sequence(), messages);
        return ReactorCheckpoint.of(run.getLast());
    }

    private long publish(List<JournalEntry> run) throws IOException, InterruptedException {
        long messages = 0;
        for (JournalEntry entry : run) {
            for (CloudEvent event : cloudEvents.of(entry)) {
                confirms.publishing(channel.getNextPublishSeqNo());
                channel.basicPublish(properties.exchange(), event.routingKey(), false,
                        RabbitMessages.properties(event), event.data());
                messages++;
            }
        }
        confirms.awaitAll();
        meters.confirmed(NAME, true, confirms.takeAcknowledged());
        return messages;
    }

    private void connect() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        disconnect();
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(properties.uri());
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException invalid) {
            throw new IllegalArgumentException("corebank.rabbitmq.uri is not an AMQP URI cause=" + invalid.getMessage(),
                    invalid);
        }
        factory.setConnectionTimeout(properties.connectTimeoutMillis());
        // The publisher reconnects itself, on its next attempt, and publishes the failed run again from its checkpoint.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        try {
            connection = factory.newConnection("corebank-" + NAME);
        } catch (java.util.concurrent.TimeoutException late) {
            throw new IOException("connecting to RabbitMQ timed out", late);
        }
        channel = connection.createChannel();
        channel.exchangeDeclare(properties.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.confirmSelect();
        RabbitConfirms pipeline = new RabbitConfirms(properties.confirmWindowMax(),
                TimeUnit.MILLISECONDS.toNanos(properties.confirmTimeoutMillis()));
        channel.addConfirmListener(pipeline);
        channel.addShutdownListener(cause -> pipeline.fail("the channel closed cause=" + cause.getMessage()));
        confirms = pipeline;
        LOG.info("rabbitmq publisher connected exchange={}", properties.exchange());
    }

    private void disconnect() {
        if (connection != null) {
            connection.abort(properties.connectTimeoutMillis());
        }
        connection = null;
        channel = null;
        confirms = null;
    }

    /** Closes the connection; the runtime has stopped the reactor's thread. */
    void close() {
        disconnect();
    }
}
