package dev.corebank.server.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What the soak knows about the money it moved: every transfer that exists (acknowledged, or found on a retry after a
 * kill), every one refused, the requests whose outcome a kill hid, and the balances all that implies. The balances
 * are derived here from the documented rules (a hold moves the amount to the pending side, a post moves what it posts
 * to the posted side and releases the hold, a void releases it), not read from the server, so a transfer lost or
 * applied twice shows as a difference. The client threads write to it at once, hence every method is synchronized.
 */
final class SoakBook {
    /** How the soak came to know that a transfer exists. */
    enum How { ACKNOWLEDGED, EXISTED_ON_RETRY, APPLIED_ON_RETRY }

    /**
     * A transfer that exists, as its answer showed it.
     *
     * @param position the journal position of its entry ({@code X-Ledger-Position}); -1 when the answer was a repeat
     * @param kill     the number of kills before it was known
     */
    record Known(SoakOperation operation, TransferView answer, long position, How how, int kill) {
    }

    private final UUID cashAccountId;
    private final List<Known> known = new ArrayList<>();
    private final Map<UUID, Known> knownById = new HashMap<>();
    private final Map<Integer, List<Known>> knownByClient = new HashMap<>();
    private final List<UUID> rejected = new ArrayList<>();
    private final List<SoakOperation> unknown = new ArrayList<>();
    private final Map<UUID, Balances> expected = new LinkedHashMap<>();
    private final Map<UUID, String> holdStatus = new HashMap<>();
    private final Map<Integer, List<UUID>> openHoldsByClient = new HashMap<>();
    private final Map<How, Integer> howCounts = new HashMap<>();
    private long funded;
    private int unknownTotal;
    private int rejectedOnRetry;
    private int repeatsAnswered;
    private int unknownRepeats;

    SoakBook(UUID cashAccountId, List<UUID> accounts) {
        this.cashAccountId = cashAccountId;
        expected.put(cashAccountId, Balances.ZERO);
        accounts.forEach(account -> expected.put(account, Balances.ZERO));
    }

    synchronized void exists(SoakOperation operation, TransferView answer, long position, How how, int kill) {
        if (knownById.containsKey(operation.id())) {
            throw new IllegalStateException("the soak already knew this transfer id=" + operation.id());
        }
        Known entry = new Known(operation, answer, position, how, kill);
        known.add(entry);
        knownById.put(operation.id(), entry);
        knownByClient.computeIfAbsent(operation.client(), client -> new ArrayList<>()).add(entry);
        howCounts.merge(how, 1, Integer::sum);
        apply(operation);
    }

    /** A request the ledger refused: the transfer does not exist. A refused post or void leaves its hold open. */
    synchronized void rejected(SoakOperation operation) {
        rejected.add(operation.id());
        if (operation.pendingId() != null) {
            openHoldsByClient.computeIfAbsent(operation.client(), client -> new ArrayList<>())
                    .add(operation.pendingId());
        }
    }

    synchronized void unknown(SoakOperation operation) {
        unknown.add(operation);
        unknownTotal++;
    }

    synchronized void rejectedOnRetry(SoakOperation operation) {
        rejectedOnRetry++;
        rejected(operation);
    }

    synchronized void repeatAnswered() {
        repeatsAnswered++;
    }

    /** An unknown request that was itself a repeat of a known transfer, answered with the original on its retry. */
    synchronized void unknownRepeatAnswered() {
        repeatsAnswered++;
        unknownRepeats++;
    }

    synchronized int unknownPending() {
        return unknown.size();
    }

    /** The requests whose outcome is unknown, oldest first; the caller resolves them all. */
    synchronized List<SoakOperation> takeUnknown() {
        List<SoakOperation> taken = List.copyOf(unknown);
        unknown.clear();
        return taken;
    }

    /** One of the client's open holds, taken so that no other request resolves it meanwhile; null when none. */
    synchronized Known takeOpenHold(int client, SplittableRandom random) {
        List<UUID> open = openHoldsByClient.getOrDefault(client, List.of());
        if (open.isEmpty()) {
            return null;
        }
        return knownById.get(open.remove(random.nextInt(open.size())));
    }

    /** One of the client's earlier transfers, to send again; null when it has none. */
    synchronized Known someKnownOf(int client, SplittableRandom random) {
        List<Known> own = knownByClient.getOrDefault(client, List.of());
        return own.isEmpty() ? null : own.get(random.nextInt(own.size()));
    }

    synchronized Known known(UUID id) {
        return knownById.get(id);
    }

    synchronized List<Known> known() {
        return List.copyOf(known);
    }

    synchronized int knownCount() {
        return known.size();
    }

    synchronized List<UUID> rejectedIds() {
        return List.copyOf(rejected);
    }

    synchronized Map<UUID, Balances> expectedBalances() {
        return Map.copyOf(expected);
    }

    synchronized Map<UUID, String> holdStatuses() {
        return Map.copyOf(holdStatus);
    }

    UUID cashAccountId() {
        return cashAccountId;
    }

    synchronized long funded() {
        return funded;
    }

    synchronized int count(How how) {
        return howCounts.getOrDefault(how, 0);
    }

    synchronized int unknownTotal() {
        return unknownTotal;
    }

    synchronized int rejectedOnRetry() {
        return rejectedOnRetry;
    }

    synchronized int unknownRepeats() {
        return unknownRepeats;
    }

    synchronized int repeatsAnswered() {
        return repeatsAnswered;
    }

    /** The balance movements of one transfer that exists, by the documented rules. */
    private void apply(SoakOperation operation) {
        long amount = operation.amount();
        switch (operation.kind()) {
            case DEPOSIT -> {
                move(cashAccountId, 0, amount, 0, 0);
                move(operation.creditAccountId(), 0, 0, 0, amount);
                funded += amount;
            }
            case TRANSFER -> {
                move(operation.debitAccountId(), 0, amount, 0, 0);
                move(operation.creditAccountId(), 0, 0, 0, amount);
            }
            case HOLD -> {
                move(operation.debitAccountId(), amount, 0, 0, 0);
                move(operation.creditAccountId(), 0, 0, amount, 0);
                holdStatus.put(operation.id(), "PENDING");
                openHoldsByClient.computeIfAbsent(operation.client(), client -> new ArrayList<>())
                        .add(operation.id());
            }
            case POST, VOID -> resolve(operation);
        }
    }

    private void resolve(SoakOperation operation) {
        Known hold = knownById.get(operation.pendingId());
        if (hold == null || !"PENDING".equals(holdStatus.get(hold.operation().id()))) {
            throw new IllegalStateException("a post or void of a hold that is not pending id=" + operation.id()
                    + " pendingId=" + operation.pendingId() + " status=" + holdStatus.get(operation.pendingId()));
        }
        long held = hold.operation().amount();
        long posted = operation.kind() == SoakOperation.Kind.POST ? operation.amount() : 0;
        move(hold.operation().debitAccountId(), -held, posted, 0, 0);
        move(hold.operation().creditAccountId(), 0, 0, -held, posted);
        holdStatus.put(hold.operation().id(), operation.kind() == SoakOperation.Kind.POST ? "POSTED" : "VOIDED");
        List<UUID> open = openHoldsByClient.get(hold.operation().client());
        if (open != null) {
            open.remove(hold.operation().id());
        }
    }

    private void move(UUID account, long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
        Balances before = expected.get(account);
        if (before == null) {
            throw new IllegalStateException("a transfer touches an account outside the soak account=" + account);
        }
        expected.put(account, before.plus(debitsPending, debitsPosted, creditsPending, creditsPosted));
    }
}
