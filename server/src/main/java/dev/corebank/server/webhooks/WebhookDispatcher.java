package dev.corebank.server.webhooks;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.commands.Commands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the deliveries the webhooks reactor queued, at least once, with retries. One thread looks for due deliveries
 * (at once when woken by the reactor, otherwise every {@code poll-interval}), claims each with a lease so a second
 * node or a restart never sends it while it is in flight, and hands it to a sender, at most {@code senders-max} at
 * once. Each attempt is logged, in one transaction with the delivery's new state.
 *
 * <p>Decision table for the end of one attempt:
 * <pre>
 * answer                         | delivery                                | subscription
 * -------------------------------+-----------------------------------------+-------------------------------------------
 * 2xx                            | delivered                               | healthy again (failing since cleared)
 * 410 Gone                       | dead                                    | disabled; owner told (webhook.disabled)
 * other, none, or refused target | pending, next try after the schedule's  | failing since the first such failure;
 *                                | pause (Retry-After lengthens it); dead  | disabled and owner told once failing
 *                                | after the last attempt                  | for longer than disable-after
 * </pre>
 * A crash after sending and before the log commits leaves the delivery pending with its lease: it is sent again once
 * the lease ends. That repeat is why receivers deduplicate by {@code webhook-id}.
 */
final class WebhookDispatcher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final TransactionTemplate transactions;
    private final Commands commands;
    private final OwnedFacts ownedFacts;
    private final Clock clock;
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Timer latency;
    private volatile boolean running;
    private Thread poller;
    private ExecutorService senders;

    WebhookDispatcher(WebhookStore store, WebhookSender sender, WebhookProperties properties,
                      TransactionTemplate transactions, Commands commands, OwnedFacts ownedFacts, Clock clock,
                      MeterRegistry registry) {
        this.store = store;
        this.sender = sender;
        this.properties = properties;
        this.schedule = properties.retrySchedule();
        this.transactions = transactions;
        this.commands = commands;
        this.ownedFacts = ownedFacts;
        this.clock = clock;
        this.slots = new Semaphore(properties.sendersMax());
        this.delivered = Counter.builder("corebank.webhooks.attempts").tag("outcome", "delivered")
                .description("Webhook delivery attempts, by outcome").register(registry);
        this.failed = Counter.builder("corebank.webhooks.attempts").tag("outcome", "failed")
                .description("Webhook delivery attempts, by outcome").register(registry);
        this.dead = Counter.builder("corebank.webhooks.dead.letters")
                .description("Webhook deliveries that failed their last attempt").register(registry);
        this.latency = Timer.builder("corebank.webhooks.attempt.latency")
                .description("Time from sending a webhook to its answer").register(registry);
    }

    /** Looks for due deliveries now rather than at the next poll. */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-sender-", 0).factory());
        poller = Thread.ofPlatform().name("webhook-dispatcher").daemon(true).start(this::poll);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            poller.join(properties.lease().toMillis());
            senders.shutdown();
            if (!senders.awaitTermination(properties.connectTimeout().plus(properties.readTimeout()).toMillis()
                    + 1_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("webhook senders did not finish in time; their deliveries are sent again after the lease");
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                int started = dispatchDue();
                if (started == 0 || slots.availablePermits() == 0) {
                    wakeups.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                LOG.warn("looking for due webhook deliveries failed; trying again after the poll interval", failure);
                try {
                    wakeups.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims and starts as many due deliveries as there are free senders; returns how many it started. */
    int dispatchDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        long nowMillis = clock.millis();
        int started = 0;
        for (WebhookStore.Due due : store.due(nowMillis, free)) {
            if (!store.claim(due, nowMillis + properties.lease().toMillis())) {
                continue;
            }
            slots.acquireUninterruptibly();
            started++;
            senders.execute(() -> {
                try {
                    attempt(due);
                } catch (RuntimeException failure) {
                    // The lease runs out and the delivery is tried again; the log has no row for this try.
                    LOG.warn("a webhook attempt could not be recorded deliveryId={} eventId={}", due.id(),
                            due.eventId(), failure);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return started;
    }

    /** Sends one delivery and records what became of it. */
    void attempt(WebhookStore.Due due) {
        Optional<Subscription> found = store.subscription(due.subscriptionId());
        if (found.isEmpty() || !found.get().enabled()) {
            return;
        }
        Subscription subscription = found.get();
        long sentAtMillis = clock.millis();
        long timestampSeconds = sentAtMillis / 1000;
        byte[] body = due.body().getBytes(StandardCharsets.UTF_8);
        List<String> headers = List.of(
                "webhook-id", due.eventId(),
                "webhook-timestamp", Long.toString(timestampSeconds),
                "webhook-signature", WebhookSignature.header(subscription.signingSecrets(sentAtMillis), due.eventId(),
                        timestampSeconds, body));
        WebhookSender.Result result = sender.send(URI.create(subscription.url()), headers, body);
        latency.record(Duration.ofMillis(result.latencyMillis()));
        String disabledReason = transactions.execute(status -> record(due, subscription, sentAtMillis, result));
        if (disabledReason != null) {
            tellOwner(subscription, disabledReason);
        }
    }

    /** Logs the attempt and moves the delivery on; returns why the subscription was disabled, or null. */
    private String record(WebhookStore.Due due, Subscription subscription, long sentAtMillis,
                          WebhookSender.Result result) {
        int round = due.attempts() + 1;
        int total = due.attemptsTotal() + 1;
        Integer status = result.status() == 0 ? null : result.status();
        store.logAttempt(new WebhookStore.Attempt(due.id(), subscription.id(), due.eventId(), total, sentAtMillis,
                status, result.latencyMillis(), result.outcome().wireName(), result.error(), result.excerpt()));
        long nowMillis = clock.millis();
        switch (result.outcome()) {
            case DELIVERED -> {
                delivered.increment();
                store.afterAttempt(due.id(), WebhookStore.DELIVERED, round, total, nowMillis, status, nowMillis);
                store.markHealthy(subscription.id());
                return null;
            }
            case GONE -> {
                failed.increment();
                dead.increment();
                store.afterAttempt(due.id(), WebhookStore.DEAD, round, total, nowMillis, status, nowMillis);
                String reason = "the receiver answered 410 Gone";
                return store.disable(subscription.id(), reason, nowMillis) ? reason : null;
            }
            case FAILED, REFUSED -> {
                failed.increment();
                Duration pause = schedule.pauseAfter(round, result.retryAfter(), ThreadLocalRandom.current());
                if (pause == null) {
                    dead.increment();
                    store.afterAttempt(due.id(), WebhookStore.DEAD, round, total, nowMillis, status, nowMillis);
                } else {
                    store.afterAttempt(due.id(), WebhookStore.PENDING, round, total, nowMillis + pause.toMillis(),
                            status, null);
                }
                long failingSince = store.markFailing(subscription.id(), sentAtMillis);
                if (nowMillis - failingSince >= properties.disableAfter().toMillis()) {
                    String reason = "every delivery failed for longer than " + properties.disableAfter()
                            + " failingSince=" + java.time.Instant.ofEpochMilli(failingSince);
                    return store.disable(subscription.id(), reason, nowMillis) ? reason : null;
                }
                return null;
            }
        }
        throw new IllegalStateException("unknown outcome=" + result.outcome());
    }

    private void tellOwner(Subscription subscription, String reason) {
        LOG.warn("webhook subscription disabled subscriptionId={} owner={} reason={}", subscription.id(),
                subscription.ownerKeyId(), reason);
        try {
            commands.submit(new LedgerCommand.RecordFacts(List.of(ownedFacts.webhookDisabled(subscription, reason))),
                    Commands.system("webhook disabled", TraceId.NONE));
        } catch (RuntimeException failure) {
            LOG.error("the event telling the owner of a disabled webhook could not be journaled subscriptionId={}",
                    subscription.id(), failure);
        }
    }
}
