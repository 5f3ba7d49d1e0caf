package dev.corebank.server.consumers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.FailurePolicy;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the RabbitMQ publisher in tests of the services: a reactor that puts every journal event on the
 * test's exchange in the documented wire form (CloudEvents AMQP headers, routing key by type and ledger, persistent,
 * confirmed), and keeps what the test wants to look at: the events by id, and the journal's AML alerts and entries.
 */
final class TestBusFeed implements Reactor {
    final Map<String, CloudEvent> published = new ConcurrentHashMap<>();
    final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
    private final CloudEvents cloudEvents;
    private final String uri;
    private final String exchange;
    private Channel channel;

    TestBusFeed(CloudEvents cloudEvents, String uri, String exchange) {
        this.cloudEvents = cloudEvents;
        this.uri = uri;
        this.exchange = exchange;
    }

    @Override
    public String name() {
        return "test-bus-feed";
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return FailurePolicy.STOP;
    }

    @Override
    public synchronized ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        try {
            for (JournalEntry entry : run) {
                entries.add(entry);
                for (CloudEvent event : cloudEvents.of(entry)) {
                    publish(event);
                }
            }
            channel().waitForConfirmsOrDie(10_000);
        } catch (Exception failed) {
            throw new IllegalStateException("the test feed could not publish", failed);
        }
        return ReactorCheckpoint.of(run.getLast());
    }

    void publish(CloudEvent event) throws Exception {
        published.put(event.id(), event);
        channel().basicPublish(exchange, event.routingKey(), new AMQP.BasicProperties.Builder()
                .headers(EventWire.amqpHeaders(event)).contentType(CloudEvent.DATA_CONTENT_TYPE).deliveryMode(2)
                .build(), event.data());
    }

    /** Publishes the same event again, as a redelivery would bring it. */
    void republish(String eventId) throws Exception {
        synchronized (this) {
            publish(published.get(eventId));
            channel().waitForConfirmsOrDie(10_000);
        }
    }

    void publishRaw(String routingKey, byte[] body) throws Exception {
        synchronized (this) {
            channel().basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    body);
            channel().waitForConfirmsOrDie(10_000);
        }
    }

    /** The AML alerts journaled so far. */
    List<LedgerEvent.FactRecorded> alerts() {
        return entries.stream().flatMap(entry -> entry.events().stream())
                .filter(event -> event instanceof LedgerEvent.FactRecorded fact
                        && fact.fact().kind() == FactKinds.AML_ALERT_RAISED)
                .map(LedgerEvent.FactRecorded.class::cast).toList();
    }

    private synchronized Channel channel() throws Exception {
        if (channel == null || !channel.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            Connection connection = factory.newConnection("corebank-test-feed");
            channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            channel.confirmSelect();
        }
        return channel;
    }

    void close() throws Exception {
        if (channel != null) {
            channel.getConnection().close();
        }
    }
}
