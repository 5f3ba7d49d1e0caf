package dev.corebank.ledger;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reference model of the ledger for the model-based test, written from the documented rules (docs/ledger.md) and
 * not from the engine's code. It keeps plain maps and undoes a linked chain by throwing away a copy of the whole state.
 * It decides an item the way the docs describe it: {@link ReferenceRules} evaluates every documented rule on its own,
 * as a predicate over this state, and the model reports the first broken one in the precedence order of
 * {@link ResultCode}. It is slow and simple on purpose.
 *
 * <p>Time: a hold expires once the clock has moved {@code timeoutSeconds} past the clock reading at which it was
 * placed. The test moves the clock in steps of whole seconds plus one millisecond and submits far fewer than a
 * million items between steps, so that rule and the engine's (item timestamp plus timeout) always agree.
 */
final class ReferenceLedger {
    static final class ModelAccount {
        final UUID id;
        final int ledger;
        final AccountType type;
        final int code;
        /** What the account was opened with: an idempotent retry asks for exactly this. */
        final Account opened;
        int flags;
        long debitsPending;
        long debitsPosted;
        long creditsPending;
        long creditsPosted;

        ModelAccount(Account opened) {
            this.id = opened.id();
            this.ledger = opened.ledger();
            this.type = opened.type();
            this.code = opened.code();
            this.opened = opened;
            this.flags = opened.flags();
        }

        ModelAccount copy() {
            ModelAccount copy = new ModelAccount(opened);
            copy.flags = flags;
            copy.debitsPending = debitsPending;
            copy.debitsPosted = debitsPosted;
            copy.creditsPending = creditsPending;
            copy.creditsPosted = creditsPosted;
            return copy;
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** A stored transfer: accounts and ledger as resolved, the amount moved and the transfer as asked for. */
    record ModelTransfer(Transfer asked, UUID debit, UUID credit, int ledger, long amount, PendingStatus status,
                         long clockAtCreation) {
        ModelTransfer withStatus(PendingStatus value) {
            return new ModelTransfer(asked, debit, credit, ledger, amount, value, clockAtCreation);
        }

        boolean isHold() {
            return asked.hasFlag(TransferFlags.PENDING);
        }
    }

    /**
     * What a transfer does to the balances of its two accounts: adds to pending (a hold), releases pending (a post, a
     * void, an expiry) and adds to posted (a single-phase transfer, a post). The same movement is checked by the rules
     * and then applied, so the check is of exactly what happens.
     */
    record Movement(UUID debit, UUID credit, long pendingAdded, long pendingReleased, long postedAdded) {
        void applyTo(Map<UUID, ModelAccount> accounts) {
            ModelAccount debitAccount = accounts.get(debit);
            ModelAccount creditAccount = accounts.get(credit);
            debitAccount.debitsPending += pendingAdded - pendingReleased;
            debitAccount.debitsPosted += postedAdded;
            creditAccount.creditsPending += pendingAdded - pendingReleased;
            creditAccount.creditsPosted += postedAdded;
        }
    }

    final int accountsMax;
    final int transfersMax;
    private Map<UUID, ModelAccount> accounts = new LinkedHashMap<>();
    private Map<UUID, ModelTransfer> transfers = new LinkedHashMap<>();
    private long clockNanos;
    /**
     * The engine's latest timestamp, to the nanoseconds a batch adds: it never goes back, so after the clock jumps back
     * a transfer is stamped just after the last thing journaled, and its hold's timeout counts from there.
     */
    private long stampNanos;

    ReferenceLedger(int accountsMax, int transfersMax, long clockNanos) {
        this.accountsMax = accountsMax;
        this.transfersMax = transfersMax;
        this.clockNanos = clockNanos;
        this.stampNanos = clockNanos;
    }

    void clock(long nanos) {
        clockNanos = nanos;
    }

    Map<UUID, ModelAccount> accounts() {
        return accounts;
    }

    Map<UUID, ModelTransfer> transfers() {
        return transfers;
    }

    /** True when the hold's timeout has passed on the clock; a timeout of 0 never passes. */
    boolean isDue(ModelTransfer hold) {
        int timeout = hold.asked().timeoutSeconds();
        return timeout > 0 && clockNanos - hold.clockAtCreation() >= timeout * LedgerState.NANOS_PER_SECOND;
    }

    // ---- commands: each first releases the holds that are due, as the docs say happens before the next batch ----

    /** Something is journaled now: its timestamp is the clock's, or just after the last when the clock is behind. */
    private void stamp() {
        stampNanos = Math.max(stampNanos, clockNanos);
    }

    ResultCode[] createAccounts(List<Account> batch) {
        releaseDueHolds();
        stamp();
        ResultCode[] results = new ResultCode[batch.size()];
        for (int index = 0; index < batch.size(); index++) {
            Account account = batch.get(index);
            results[index] = ReferenceRules.first(new ReferenceRules(this).brokenByOpening(account));
            if (results[index] == ResultCode.OK) {
                accounts.put(account.id(), new ModelAccount(account));
            }
        }
        return results;
    }

    ResultCode[] changeAccounts(List<AccountChange> batch) {
        releaseDueHolds();
        ResultCode[] results = new ResultCode[batch.size()];
        for (int index = 0; index < batch.size(); index++) {
            AccountChange change = batch.get(index);
            results[index] = ReferenceRules.first(new ReferenceRules(this).brokenByChange(change));
            if (results[index] != ResultCode.OK) {
                stamp();
            } else {
                ModelAccount account = accounts.get(change.accountId());
                int flagsBefore = account.flags;
                switch (change.operation()) {
                    case FREEZE -> account.flags |= AccountFlags.FROZEN;
                    case UNFREEZE -> account.flags &= ~AccountFlags.FROZEN;
                    case CLOSE -> account.flags |= AccountFlags.CLOSED;
                    case MARK_DORMANT -> account.flags |= AccountFlags.DORMANT;
                    case REACTIVATE -> account.flags &= ~AccountFlags.DORMANT;
                }
                if (account.flags != flagsBefore) {
                    stamp();
                }
            }
        }
        return results;
    }

    /** Splits the batch into linked chains: a chain ends at the first item without LINKED. */
    ResultCode[] createTransfers(List<Transfer> batch) {
        releaseDueHolds();
        stamp();
        ResultCode[] results = new ResultCode[batch.size()];
        int first = 0;
        while (first < batch.size()) {
            int last = first;
            while (last < batch.size() && batch.get(last).hasFlag(TransferFlags.LINKED)) {
                last++;
            }
            if (last == batch.size()) {
                // The chain never closes: the last item reports the open chain, the others that the chain failed.
                for (int index = first; index < batch.size(); index++) {
                    results[index] = index == batch.size() - 1 ? ResultCode.LINKED_EVENT_CHAIN_OPEN
                            : ResultCode.LINKED_EVENT_FAILED;
                }
                return results;
            }
            runChain(batch, first, last, results);
            first = last + 1;
        }
        return results;
    }

    /** Called before lookups too: the engine sweeps due holds before any command it takes from the queue. */
    void releaseDueHolds() {
        for (ModelTransfer transfer : List.copyOf(transfers.values())) {
            if (transfer.status() == PendingStatus.PENDING && isDue(transfer)) {
                stamp();
                new Movement(transfer.debit(), transfer.credit(), 0, transfer.amount(), 0).applyTo(accounts);
                transfers.put(transfer.asked().id(), transfer.withStatus(PendingStatus.EXPIRED));
            }
        }
    }

    // ---- transfers ----

    /**
     * Items apply one by one, each seeing the ones before; when one fails, the chain is undone by going back to the
     * state before it, the failing item keeps its code and every other item reports linked_event_failed.
     */
    private void runChain(List<Transfer> batch, int first, int last, ResultCode[] results) {
        Map<UUID, ModelAccount> accountsBefore = copyOf(accounts);
        Map<UUID, ModelTransfer> transfersBefore = new LinkedHashMap<>(transfers);
        for (int index = first; index <= last; index++) {
            ResultCode result = createTransfer(batch.get(index));
            results[index] = result;
            boolean failed = result != ResultCode.OK && result != ResultCode.EXISTS;
            if (failed && first != last) {
                accounts = accountsBefore;
                transfers = transfersBefore;
                for (int other = first; other <= last; other++) {
                    results[other] = other == index ? result : ResultCode.LINKED_EVENT_FAILED;
                }
                return;
            }
        }
    }

    private static Map<UUID, ModelAccount> copyOf(Map<UUID, ModelAccount> original) {
        Map<UUID, ModelAccount> copy = new LinkedHashMap<>();
        original.forEach((id, account) -> copy.put(id, account.copy()));
        return copy;
    }

    private ResultCode createTransfer(Transfer transfer) {
        ReferenceRules rules = new ReferenceRules(this);
        ReferenceRules.Item item = rules.item(transfer);
        EnumSet<ResultCode> broken = rules.brokenByTransfer(item);
        ResultCode result = ReferenceRules.first(broken);
        if (result == ResultCode.OK) {
            store(item);
        }
        return result;
    }

    private void store(ReferenceRules.Item item) {
        Movement movement = item.movement();
        movement.applyTo(accounts);
        Transfer transfer = item.transfer();
        if (item.resolving()) {
            ModelTransfer hold = item.hold();
            PendingStatus status = item.posting() ? PendingStatus.POSTED : PendingStatus.VOIDED;
            transfers.put(hold.asked().id(), hold.withStatus(status));
            long amount = item.posting() ? movement.postedAdded() : movement.pendingReleased();
            transfers.put(transfer.id(), new ModelTransfer(transfer, hold.debit(), hold.credit(), hold.ledger(),
                    amount, PendingStatus.NONE, stampNanos));
            return;
        }
        boolean hold = transfer.hasFlag(TransferFlags.PENDING);
        long amount = hold ? movement.pendingAdded() : movement.postedAdded();
        transfers.put(transfer.id(), new ModelTransfer(transfer, movement.debit(), movement.credit(),
                item.debit().ledger, amount, hold ? PendingStatus.PENDING : PendingStatus.NONE, stampNanos));
    }
}
