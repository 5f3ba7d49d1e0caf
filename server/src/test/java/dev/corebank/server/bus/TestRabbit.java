package dev.corebank.server.bus;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest) for tests: an exchange of the test's own and a queue bound to
 * all of it, which collects every message while publishers come and go, and is read back at the end. Closing deletes
 * both, so tests leave the broker as they found it. Any test that needs RabbitMQ uses this.
 */
public final class TestRabbit implements AutoCloseable {
    public static final String URI = "amqp://guest:guest@127.0.0.1:5672";

    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final String queue;

    private TestRabbit(Connection connection, Channel channel, String exchange, String queue) {
        this.connection = connection;
        this.channel = channel;
        this.exchange = exchange;
        this.queue = queue;
    }

    /** A fresh durable topic exchange and a queue bound to it with {@code #}. */
    public static TestRabbit collecting(String prefix) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        Connection connection = factory.newConnection("corebank-test");
        Channel channel = connection.createChannel();
        String exchange = prefix + "." + UUID.randomUUID();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = channel.queueDeclare(exchange + ".all", false, true, false, null).getQueue();
        channel.queueBind(queue, exchange, "#");
        return new TestRabbit(connection, channel, exchange, queue);
    }

    public String exchange() {
        return exchange;
    }

    public long messageCount() throws Exception {
        return channel.messageCount(queue);
    }

    /** Takes every message now in the queue, in queue order. */
    public List<GetResponse> drain() throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            messages.add(message);
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        try {
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        } finally {
            connection.close();
        }
    }
}
