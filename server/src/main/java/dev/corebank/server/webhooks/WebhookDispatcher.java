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
import java.util.ArrayList;
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
    /** Attempts recorded in one transaction at the most. */
    static final int RECORD_BATCH_MAX = 1_000;

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
    private final java.util.concurrent.ConcurrentLinkedQueue<Finished> finished =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
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

    /** One attempt that has its answer, waiting to be recorded. */
    private record Finished(WebhookStore.Due due, Subscription subscription, long sentAtMillis,
                            WebhookSender.Result result) {
    }

    /** A subscription this batch of attempts disabled, and why. */
    private record Disabled(Subscription subscription, String reason) {
    }

    private void poll() {
        while (running) {
            try {
                recordFinished();
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
        recordFinished();
    }

    /**
     * Claims as many due deliveries as there are free senders, in one transaction, and starts them; returns how many
     * it started. The database sees one commit per poll, not one per delivery.
     */
    int dispatchDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        long nowMillis = clock.millis();
        List<WebhookStore.Due> due = store.due(nowMillis, free);
        if (due.isEmpty()) {
            return 0;
        }
        List<WebhookStore.Due> claimed = store.withBodies(transactions.execute(status -> store.claim(due,
                nowMillis + properties.lease().toMillis())));
        java.util.Map<java.util.UUID, Optional<Subscription>> subscriptions = new java.util.HashMap<>();
        int started = 0;
        for (WebhookStore.Due delivery : claimed) {
            Optional<Subscription> subscription = subscriptions.computeIfAbsent(delivery.subscriptionId(),
                    store::subscription);
            if (subscription.isEmpty() || !subscription.get().enabled()) {
                // Disabled or deleted since the query: the lease runs out and nothing is sent meanwhile.
                continue;
            }
            slots.acquireUninterruptibly();
            started++;
            senders.execute(() -> {
                try {
                    finished.add(send(delivery, subscription.get()));
                } catch (RuntimeException failure) {
                    // The lease runs out and the delivery is tried again; the log has no row for this try.
                    LOG.warn("a webhook attempt failed unexpectedly deliveryId={} eventId={}", delivery.id(),
                            delivery.eventId(), failure);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return started;
    }

    /** Signs and sends one delivery with the subscription's secrets of this moment. */
    private Finished send(WebhookStore.Due due, Subscription subscription) {
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
        return new Finished(due, subscription, sentAtMillis, result);
    }

    /**
     * Records every attempt that has its answer, in one transaction: the log rows, each delivery's next state, and
     * each subscription's health; then tells the owners of the subscriptions it disabled. A crash before this commit
     * loses only the log rows of these attempts: their deliveries are still pending, and are sent again after the
     * lease.
     */
    void recordFinished() {
        List<Finished> batch = new ArrayList<>();
        for (Finished next; batch.size() < RECORD_BATCH_MAX && (next = finished.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Disabled> disabled = transactions.execute(status -> record(batch));
        for (Disabled one : disabled) {
            tellOwner(one.subscription(), one.reason());
        }
    }

    private List<Disabled> record(List<Finished> batch) {
        long nowMillis = clock.millis();
        List<WebhookStore.Attempt> attempts = new ArrayList<>(batch.size());
        List<WebhookStore.AfterAttempt> changes = new ArrayList<>(batch.size());
        // Per subscription, in the order of the batch: null while healthy, else the first failure since a success.
        java.util.Map<java.util.UUID, Long> failingSince = new java.util.LinkedHashMap<>();
        java.util.Map<java.util.UUID, Subscription> gone = new java.util.LinkedHashMap<>();
        java.util.Map<java.util.UUID, Subscription> seen = new java.util.HashMap<>();
        java.util.Set<java.util.UUID> succeeded = new java.util.HashSet<>();
        for (Finished one : batch) {
            WebhookStore.Due due = one.due();
            WebhookSender.Result result = one.result();
            Subscription subscription = one.subscription();
            seen.put(subscription.id(), subscription);
            int round = due.attempts() + 1;
            int total = due.attemptsTotal() + 1;
            Integer status = result.status() == 0 ? null : result.status();
            attempts.add(new WebhookStore.Attempt(due.id(), subscription.id(), due.eventId(), total,
                    one.sentAtMillis(), status, result.latencyMillis(), result.outcome().wireName(), result.error(),
                    result.excerpt()));
            switch (result.outcome()) {
                case DELIVERED -> {
                    delivered.increment();
                    changes.add(new WebhookStore.AfterAttempt(due.id(), WebhookStore.DELIVERED, round, total,
                            nowMillis, status, nowMillis));
                    succeeded.add(subscription.id());
                    failingSince.put(subscription.id(), null);
                }
                case GONE -> {
                    failed.increment();
                    dead.increment();
                    changes.add(new WebhookStore.AfterAttempt(due.id(), WebhookStore.DEAD, round, total, nowMillis,
                            status, nowMillis));
                    gone.put(subscription.id(), subscription);
                }
                case FAILED, REFUSED -> {
                    failed.increment();
                    Duration pause = schedule.pauseAfter(round, result.retryAfter(), ThreadLocalRandom.current());
                    if (pause == null) {
                        dead.increment();
                        changes.add(new WebhookStore.AfterAttempt(due.id(), WebhookStore.DEAD, round, total,
                                nowMillis, status, nowMillis));
                    } else {
                        changes.add(new WebhookStore.AfterAttempt(due.id(), WebhookStore.PENDING, round, total,
                                nowMillis + pause.toMillis(), status, null));
                    }
                    if (failingSince.get(subscription.id()) == null) {
                        failingSince.put(subscription.id(), one.sentAtMillis());
                    }
                }
            }
        }
        store.logAttempts(attempts);
        store.afterAttempts(changes);
        List<Disabled> disabled = new ArrayList<>();
        for (var health : failingSince.entrySet()) {
            // A success in the batch clears the mark; failures after it start a new one.
            if (succeeded.contains(health.getKey())) {
                store.markHealthy(health.getKey());
            }
            if (health.getValue() == null || gone.containsKey(health.getKey())) {
                continue;
            }
            long since = store.markFailing(health.getKey(), health.getValue());
            if (nowMillis - since >= properties.disableAfter().toMillis()) {
                String reason = "every delivery failed for longer than " + properties.disableAfter()
                        + " failingSince=" + java.time.Instant.ofEpochMilli(since);
                if (store.disable(health.getKey(), reason, nowMillis)) {
                    disabled.add(new Disabled(seen.get(health.getKey()), reason));
                }
            }
        }
        for (Subscription subscription : gone.values()) {
            String reason = "the receiver answered 410 Gone";
            if (store.disable(subscription.id(), reason, nowMillis)) {
                disabled.add(new Disabled(subscription, reason));
            }
        }
        return disabled;
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
