package dev.corebank.server.webhooks;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.CheckpointWindow;
import dev.corebank.server.reactor.TableReactor;
import dev.corebank.server.security.ApiKeyFacts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhooks reactor's rows: for every journal event that an enabled subscription wants, one delivery row, due at
 * once, holding the event's CloudEvent in structured JSON. The rows and the reactor's checkpoint commit in one
 * transaction ({@link TableReactor}), so every event is queued for every subscription exactly once, whatever stops the
 * server; the {@link WebhookDispatcher} then sends them, with retries, outside the reactor's loop, so a slow or failing
 * receiver never holds the journal back.
 *
 * <p>Which events: every ledger event (transfers, holds, accounts, profiles); of the facts, only those meant for one
 * owner ({@code webhook.disabled}, {@code operation.completed}), which go to that owner's subscriptions alone. Other
 * facts (API keys, request records) are internal and never leave by webhook.
 */
final class WebhookDeliveries implements TableReactor.Rows {
    static final String NAME = "webhooks";

    private final WebhookStore store;
    private final CloudEvents cloudEvents;
    private final OwnedFacts ownedFacts;
    private final Runnable wake;
    private final Clock clock;

    WebhookDeliveries(WebhookStore store, CloudEvents cloudEvents, OwnedFacts ownedFacts, Runnable wake,
                      Clock clock) {
        this.store = store;
        this.cloudEvents = cloudEvents;
        this.ownedFacts = ownedFacts;
        this.wake = wake;
        this.clock = clock;
    }

    @Override
    public void apply(List<JournalEntry> run) {
        disableSubscriptionsOfRevokedKeys(run);
        List<Subscription> subscriptions = store.enabledSubscriptions();
        if (subscriptions.isEmpty()) {
            return;
        }
        long nowMillis = clock.millis();
        List<Object[]> rows = new ArrayList<>();
        for (JournalEntry entry : run) {
            for (int index = 0; index < entry.events().size(); index++) {
                OutgoingEvent event = outgoing(entry, index);
                if (event == null) {
                    continue;
                }
                String json = null;
                for (Subscription subscription : subscriptions) {
                    if (subscription.wants(event)) {
                        // Rendered once, and only for an event some subscription wants.
                        json = json != null ? json : event.json().get();
                        rows.add(new Object[] {subscription.id(), event.id(), event.type(), event.sequence(),
                                event.accountA(), event.accountB(), json, nowMillis, nowMillis});
                    }
                }
            }
        }
        store.enqueue(rows);
        if (!rows.isEmpty()) {
            wakeAfterCommit();
        }
    }

    /**
     * A run gives rows only while a subscription is enabled (a revoked key's subscriptions are disabled only if
     * enabled, too). So with none enabled, which is every bank that uses no webhooks, a run costs one look at the
     * subscriptions instead of a transaction and a commit of the checkpoint: this reactor's commits were a tenth of
     * the server's CPU under HTTP load. Which subscriptions an event goes to is decided when the reactor reads it, as
     * before.
     */
    @Override
    public boolean concernsAny(List<JournalEntry> run) {
        return store.hasEnabledSubscriptions();
    }

    /** A revoked key's subscriptions stop with it: nothing is delivered on behalf of a key that no longer exists. */
    private void disableSubscriptionsOfRevokedKeys(List<JournalEntry> run) {
        for (JournalEntry entry : run) {
            for (LedgerEvent event : entry.events()) {
                if (event instanceof LedgerEvent.FactRecorded recorded) {
                    ApiKeyFacts.asRevoked(recorded.fact()).ifPresent(revoked -> store.disableAllOf(revoked.keyId(),
                            "its API key was revoked", clock.millis()));
                }
            }
        }
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    /**
     * Deliveries of entries after the checkpoint: a crash kept a run's rows but not its checkpoint. The untried ones
     * are deleted and every event after the checkpoint queued again (those tried stay, and are not queued twice). The
     * entries up to the checkpoint are not checked: which subscriptions wanted an event depends on the subscriptions
     * as they were when the run was applied, which the journal does not hold.
     */
    @Override
    public OptionalLong disagreement(long checkpoint, Supplier<CheckpointWindow> window) {
        return store.countAfter(checkpoint) > 0 ? OptionalLong.of(checkpoint) : OptionalLong.empty();
    }

    /** A rewind queues the events again; deliveries already tried keep their log and are not sent twice. */
    @Override
    public void deleteAfter(long sequence) {
        store.deleteUntriedAfter(sequence);
    }

    /** The event as the webhooks send it, or null for a fact that never leaves by webhook. */
    private OutgoingEvent outgoing(JournalEntry entry, int index) {
        String owner = null;
        if (entry.events().get(index) instanceof LedgerEvent.FactRecorded recorded) {
            owner = ownedFacts.ownerOf(recorded.fact());
            if (owner == null) {
                return null;
            }
        }
        CloudEvent event = cloudEvents.of(entry, index);
        List<String> accounts = event.orderingKeys();
        return new OutgoingEvent(event.id(), event.type(), event.sequence(),
                accounts.isEmpty() ? null : UUID.fromString(accounts.getFirst()),
                accounts.size() < 2 ? null : UUID.fromString(accounts.get(1)), owner,
                () -> new String(event.structuredJson(), StandardCharsets.UTF_8));
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.run();
                }
            });
        } else {
            wake.run();
        }
    }
}
