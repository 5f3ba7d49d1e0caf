package dev.corebank.server.consumers;

import dev.corebank.server.roles.ServerRoles;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bank's own services consuming the event bus in this process: one {@link ConsumerLoop} for each
 * {@link EventHandler} whose role is on, on the configured transport. Started last and stopped first, so the engine
 * and the database are there for as long as a consumer runs. Holds every known consumer's {@link ConsumerStats},
 * running or not, so their meters always exist.
 */
public final class Consumers implements SmartLifecycle {
    /** Where the consumers' brokers are: the event bus's settings. */
    public record Brokers(String kafkaBootstrapServers, String rabbitmqUri) {
        boolean hasKafka() {
            return kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank();
        }

        boolean hasRabbitmq() {
            return rabbitmqUri != null && !rabbitmqUri.isBlank();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Consumers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private final List<EventHandler> handlers;
    private final ServerRoles roles;
    private final ConsumersProperties properties;
    private final Brokers brokers;
    private final EventWire wire;
    private final DeadLetterStore deadLetters;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, ConsumerStats> stats = new LinkedHashMap<>();
    private final Map<String, ConsumerLoop> running = new LinkedHashMap<>();
    private volatile boolean started;

    Consumers(List<EventHandler> handlers, ServerRoles roles, ConsumersProperties properties, Brokers brokers,
              EventWire wire, DeadLetterStore deadLetters, JdbcTemplate jdbc, Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.roles = roles;
        this.properties = properties;
        this.brokers = brokers;
        this.wire = wire;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.clock = clock;
        for (EventHandler handler : this.handlers) {
            stats.put(handler.name(), new ConsumerStats(handler.name()));
        }
    }

    /** Every known consumer's stats, running or not. */
    public List<ConsumerStats> stats() {
        return List.copyOf(stats.values());
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** Replays a dead letter through its consumer's handler, once; empty when its consumer does not run here. */
    public Optional<ConsumerPipeline.ReplayResult> replay(UUID letterId) {
        DeadLetter letter = deadLetters.find(letterId).orElseThrow(() -> new IllegalArgumentException(
                "no dead letter with this id letterId=" + letterId));
        ConsumerLoop loop;
        synchronized (this) {
            loop = running.get(letter.consumer());
        }
        return Optional.ofNullable(loop).map(found -> found.pipeline().replay(letter));
    }

    @Override
    public synchronized void start() {
        for (EventHandler handler : handlers) {
            if (!roleOn(handler.name())) {
                continue;
            }
            Transport transport = transport(handler);
            ConsumerPipeline pipeline = new ConsumerPipeline(handler, wire, new DedupMarks(handler.name(), jdbc,
                    clock), deadLetters, stats.get(handler.name()), properties.retryPolicy(), Thread::sleep, clock);
            ConsumerLoop loop = new ConsumerLoop(pipeline, transport, properties.batchMax(),
                    Duration.ofMillis(properties.pollMillis()), properties.retryPolicy(),
                    Duration.ofMillis(properties.lagIntervalMillis()));
            running.put(handler.name(), loop);
            loop.start();
            LOG.info("consumer={} started transport={}", handler.name(), transport.name());
        }
        started = true;
    }

    @Override
    public void stop() {
        List<ConsumerLoop> loops;
        synchronized (this) {
            loops = new ArrayList<>(running.values());
            running.clear();
            started = false;
        }
        for (ConsumerLoop loop : loops) {
            try {
                loop.stop(STOP_WAIT);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private boolean roleOn(String consumer) {
        return roles.enabled().stream().anyMatch(role -> role.wireName().equals(consumer));
    }

    private Transport transport(EventHandler handler) {
        String chosen = properties.transport();
        if (chosen.equals("auto")) {
            chosen = brokers.hasKafka() ? "kafka" : brokers.hasRabbitmq() ? "rabbitmq" : "none";
        }
        if (chosen.equals("kafka") && brokers.hasKafka()) {
            return new KafkaTransport(new KafkaTransport.Settings(brokers.kafkaBootstrapServers(),
                    properties.kafka().topic(), properties.kafka().groupPrefix()), handler.name(),
                    properties.batchMax());
        }
        if (chosen.equals("rabbitmq") && brokers.hasRabbitmq()) {
            ConsumersProperties.Rabbitmq rabbitmq = properties.rabbitmq();
            return new RabbitTransport(new RabbitTransport.Settings(brokers.rabbitmqUri(), rabbitmq.exchange(),
                    rabbitmq.deadLetterExchange(), rabbitmq.queuePrefix(), properties.attemptsMax(),
                    rabbitmq.prefetch()), handler);
        }
        throw new IllegalStateException("the role " + handler.name() + " consumes the event bus, but no broker is"
                + " configured for it transport=" + properties.transport() + ": set corebank.kafka.bootstrap-servers"
                + " or corebank.rabbitmq.uri, or leave the role off");
    }
}
