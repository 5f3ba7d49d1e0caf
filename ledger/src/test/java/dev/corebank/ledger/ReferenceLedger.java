package dev.corebank.ledger;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reference model of the ledger for the model-based test, written from the documented semantics (docs/ledger.md)
 * and not from the engine's code: plain maps, BigInteger for every limit check, and a linked chain undone by throwing
 * away a copy of the whole state. It is slow and simple on purpose.
 *
 * <p>Time: a hold expires once the clock has moved {@code timeoutSeconds} past the clock reading at which it was
 * placed. The test moves the clock in steps of whole seconds plus one millisecond and submits far fewer than a
 * million items between steps, so that rule and the engine's (item timestamp plus timeout) always agree.
 */
final class ReferenceLedger {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int STATE_FLAGS = AccountFlags.FROZEN | AccountFlags.CLOSED;

    static final class ModelAccount {
        final UUID id;
        final int ledger;
        final AccountType type;
        final int code;
        int flags;
        long debitsPending;
        long debitsPosted;
        long creditsPending;
        long creditsPosted;

        ModelAccount(UUID id, int ledger, AccountType type, int code, int flags) {
            this.id = id;
            this.ledger = ledger;
            this.type = type;
            this.code = code;
            this.flags = flags;
        }

        ModelAccount copy() {
            ModelAccount copy = new ModelAccount(id, ledger, type, code, flags);
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

    /** A stored transfer: accounts and ledger as resolved, the amount moved and the amount asked for. */
    record ModelTransfer(Transfer asked, UUID debit, UUID credit, int ledger, long amount, PendingStatus status,
                         long clockAtCreation) {
        ModelTransfer withStatus(PendingStatus value) {
            return new ModelTransfer(asked, debit, credit, ledger, amount, value, clockAtCreation);
        }

        boolean isHold() {
            return asked.hasFlag(TransferFlags.PENDING);
        }
    }

    private final int accountsMax;
    private final int transfersMax;
    private Map<UUID, ModelAccount> accounts = new LinkedHashMap<>();
    private Map<UUID, ModelTransfer> transfers = new LinkedHashMap<>();
    private long clockNanos;

    ReferenceLedger(int accountsMax, int transfersMax, long clockNanos) {
        this.accountsMax = accountsMax;
        this.transfersMax = transfersMax;
        this.clockNanos = clockNanos;
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

    // ---- commands: each first releases the holds that are due, as the engine does before every batch ----

    ResultCode[] createAccounts(List<Account> batch) {
        releaseDueHolds();
        ResultCode[] results = new ResultCode[batch.size()];
        for (int index = 0; index < batch.size(); index++) {
            results[index] = createAccount(batch.get(index));
        }
        return results;
    }

    ResultCode[] changeAccounts(List<AccountChange> batch) {
        releaseDueHolds();
        ResultCode[] results = new ResultCode[batch.size()];
        for (int index = 0; index < batch.size(); index++) {
            results[index] = changeAccount(batch.get(index));
        }
        return results;
    }

    ResultCode[] createTransfers(List<Transfer> batch) {
        releaseDueHolds();
        ResultCode[] results = new ResultCode[batch.size()];
        int first = 0;
        while (first < batch.size()) {
            int last = first;
            while (last < batch.size() && batch.get(last).hasFlag(TransferFlags.LINKED)) {
                last++;
            }
            if (last == batch.size()) {
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
                ModelAccount debit = accounts.get(transfer.debit());
                ModelAccount credit = accounts.get(transfer.credit());
                debit.debitsPending -= transfer.amount();
                credit.creditsPending -= transfer.amount();
                transfers.put(transfer.asked().id(), transfer.withStatus(PendingStatus.EXPIRED));
            }
        }
    }

    private boolean isDue(ModelTransfer hold) {
        int timeout = hold.asked().timeoutSeconds();
        return timeout > 0 && clockNanos - hold.clockAtCreation() >= timeout * LedgerState.NANOS_PER_SECOND;
    }

    // ---- accounts ----

    private ResultCode createAccount(Account account) {
        if (Ids.isZero(account.id())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        if (account.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && account.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (account.ledger() == 0) {
            return ResultCode.LEDGER_MUST_NOT_BE_ZERO;
        }
        ModelAccount existing = accounts.get(account.id());
        if (existing != null) {
            boolean same = existing.ledger == account.ledger() && existing.type == account.type()
                    && existing.code == account.code()
                    && (existing.flags & ~STATE_FLAGS) == (account.flags() & ~STATE_FLAGS);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (account.hasFlag(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (accounts.size() >= accountsMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        accounts.put(account.id(), new ModelAccount(account.id(), account.ledger(), account.type(), account.code(),
                account.flags()));
        return ResultCode.OK;
    }

    private ResultCode changeAccount(AccountChange change) {
        if (Ids.isZero(change.accountId())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        ModelAccount account = accounts.get(change.accountId());
        if (account == null) {
            return ResultCode.ACCOUNT_NOT_FOUND;
        }
        if (account.has(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        switch (change.operation()) {
            case FREEZE -> account.flags |= AccountFlags.FROZEN;
            case UNFREEZE -> account.flags &= ~AccountFlags.FROZEN;
            case CLOSE -> {
                if (account.debitsPosted != account.creditsPosted) {
                    return ResultCode.ACCOUNT_BALANCE_NOT_ZERO;
                }
                if (account.debitsPending != 0 || account.creditsPending != 0) {
                    return ResultCode.ACCOUNT_HAS_PENDING_TRANSFERS;
                }
                account.flags |= AccountFlags.CLOSED;
            }
        }
        return ResultCode.OK;
    }

    // ---- transfers ----

    private void runChain(List<Transfer> batch, int first, int last, ResultCode[] results) {
        if (first == last) {
            results[first] = createTransfer(batch.get(first));
            return;
        }
        Map<UUID, ModelAccount> accountsBefore = copyOf(accounts);
        Map<UUID, ModelTransfer> transfersBefore = new LinkedHashMap<>(transfers);
        for (int index = first; index <= last; index++) {
            ResultCode result = createTransfer(batch.get(index));
            results[index] = result;
            if (result != ResultCode.OK && result != ResultCode.EXISTS) {
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
        ResultCode fields = checkFields(transfer);
        if (fields != ResultCode.OK) {
            return fields;
        }
        ModelTransfer stored = transfers.get(transfer.id());
        if (stored != null) {
            return sameRequest(transfer, stored) ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        return resolves(transfer) ? resolveHold(transfer) : createSinglePhase(transfer);
    }

    private static boolean resolves(Transfer transfer) {
        return transfer.hasFlag(TransferFlags.POST_PENDING) || transfer.hasFlag(TransferFlags.VOID_PENDING);
    }

    private static ResultCode checkFields(Transfer transfer) {
        if (Ids.isZero(transfer.id())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        int phases = (transfer.hasFlag(TransferFlags.PENDING) ? 1 : 0)
                + (transfer.hasFlag(TransferFlags.POST_PENDING) ? 1 : 0)
                + (transfer.hasFlag(TransferFlags.VOID_PENDING) ? 1 : 0);
        boolean balancing = transfer.hasFlag(TransferFlags.BALANCING_DEBIT)
                || transfer.hasFlag(TransferFlags.BALANCING_CREDIT);
        if (phases > 1 || (resolves(transfer) && balancing)) {
            return ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (!resolves(transfer)) {
            if (transfer.ledger() == 0) {
                return ResultCode.LEDGER_MUST_NOT_BE_ZERO;
            }
            if (!Ids.isZero(transfer.pendingId())) {
                return ResultCode.PENDING_ID_MUST_BE_ZERO;
            }
            if (transfer.timeoutSeconds() != 0 && !transfer.hasFlag(TransferFlags.PENDING)) {
                return ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
            }
            if (transfer.amount() <= 0) {
                return ResultCode.AMOUNT_MUST_BE_POSITIVE;
            }
            if (transfer.debitAccountId().equals(transfer.creditAccountId())) {
                return ResultCode.ACCOUNTS_MUST_BE_DIFFERENT;
            }
            return ResultCode.OK;
        }
        if (Ids.isZero(transfer.pendingId())) {
            return ResultCode.PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (transfer.pendingId().equals(transfer.id())) {
            return ResultCode.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (transfer.timeoutSeconds() != 0) {
            return ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (transfer.amount() < 0) {
            return ResultCode.AMOUNT_MUST_BE_POSITIVE;
        }
        if (!Ids.isZero(transfer.debitAccountId()) && transfer.debitAccountId().equals(transfer.creditAccountId())) {
            return ResultCode.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return ResultCode.OK;
    }

    /** A retry asks for what the stored transfer asked for; a post or void may leave accounts and ledger zero. */
    private static boolean sameRequest(Transfer retried, ModelTransfer stored) {
        Transfer asked = stored.asked();
        boolean resolving = resolves(retried);
        return retried.flags() == asked.flags() && retried.amount() == asked.amount()
                && retried.code() == asked.code() && retried.timeoutSeconds() == asked.timeoutSeconds()
                && retried.pendingId().equals(asked.pendingId()) && retried.reference().equals(asked.reference())
                && (retried.ledger() == stored.ledger() || (resolving && retried.ledger() == 0))
                && (retried.debitAccountId().equals(stored.debit())
                        || (resolving && Ids.isZero(retried.debitAccountId())))
                && (retried.creditAccountId().equals(stored.credit())
                        || (resolving && Ids.isZero(retried.creditAccountId())));
    }

    private ResultCode createSinglePhase(Transfer transfer) {
        ModelAccount debit = accounts.get(transfer.debitAccountId());
        if (debit == null) {
            return ResultCode.DEBIT_ACCOUNT_NOT_FOUND;
        }
        ModelAccount credit = accounts.get(transfer.creditAccountId());
        if (credit == null) {
            return ResultCode.CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (debit.ledger != credit.ledger || transfer.ledger() != debit.ledger) {
            return ResultCode.LEDGER_MISMATCH;
        }
        ResultCode state = accountState(debit, credit);
        if (state != ResultCode.OK) {
            return state;
        }
        BigInteger amount = BigInteger.valueOf(transfer.amount());
        if (transfer.hasFlag(TransferFlags.BALANCING_DEBIT)) {
            BigInteger available = big(debit.creditsPosted).subtract(big(debit.debitsPosted))
                    .subtract(big(debit.debitsPending)).max(BigInteger.ZERO);
            if (available.signum() == 0) {
                return ResultCode.EXCEEDS_CREDITS;
            }
            amount = amount.min(available);
        }
        if (transfer.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            BigInteger available = big(credit.debitsPosted).subtract(big(credit.creditsPosted))
                    .subtract(big(credit.creditsPending)).max(BigInteger.ZERO);
            if (available.signum() == 0) {
                return ResultCode.EXCEEDS_DEBITS;
            }
            amount = amount.min(available);
        }
        BigInteger debitUsed = big(debit.debitsPending).add(big(debit.debitsPosted)).add(amount);
        BigInteger creditUsed = big(credit.creditsPending).add(big(credit.creditsPosted)).add(amount);
        if (debitUsed.compareTo(LONG_MAX) > 0 || creditUsed.compareTo(LONG_MAX) > 0
                || ledgerDebits(debit.ledger).add(amount).compareTo(LONG_MAX) > 0) {
            return ResultCode.OVERFLOW;
        }
        if (debit.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && debitUsed.compareTo(big(debit.creditsPosted)) > 0) {
            return ResultCode.EXCEEDS_CREDITS;
        }
        if (credit.has(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && creditUsed.compareTo(big(credit.debitsPosted)) > 0) {
            return ResultCode.EXCEEDS_DEBITS;
        }
        if (transfers.size() >= transfersMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        long moved = amount.longValueExact();
        boolean hold = transfer.hasFlag(TransferFlags.PENDING);
        if (hold) {
            debit.debitsPending += moved;
            credit.creditsPending += moved;
        } else {
            debit.debitsPosted += moved;
            credit.creditsPosted += moved;
        }
        transfers.put(transfer.id(), new ModelTransfer(transfer, debit.id, credit.id, debit.ledger, moved,
                hold ? PendingStatus.PENDING : PendingStatus.NONE, clockNanos));
        return ResultCode.OK;
    }

    private ResultCode resolveHold(Transfer transfer) {
        ModelTransfer hold = transfers.get(transfer.pendingId());
        if (hold == null) {
            return ResultCode.PENDING_TRANSFER_NOT_FOUND;
        }
        if (!hold.isHold()) {
            return ResultCode.PENDING_TRANSFER_NOT_PENDING;
        }
        if (differs(transfer.debitAccountId(), hold.debit()) || differs(transfer.creditAccountId(), hold.credit())
                || (transfer.ledger() != 0 && transfer.ledger() != hold.ledger())
                || (transfer.code() != 0 && transfer.code() != hold.asked().code())) {
            return ResultCode.PENDING_TRANSFER_HAS_DIFFERENT_FIELDS;
        }
        switch (hold.status()) {
            case POSTED -> {
                return ResultCode.PENDING_TRANSFER_ALREADY_POSTED;
            }
            case VOIDED -> {
                return ResultCode.PENDING_TRANSFER_ALREADY_VOIDED;
            }
            case EXPIRED -> {
                return ResultCode.PENDING_TRANSFER_EXPIRED;
            }
            default -> {
                if (isDue(hold)) {
                    return ResultCode.PENDING_TRANSFER_EXPIRED;
                }
            }
        }
        if (transfer.amount() > hold.amount()) {
            return ResultCode.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        ModelAccount debit = accounts.get(hold.debit());
        ModelAccount credit = accounts.get(hold.credit());
        boolean post = transfer.hasFlag(TransferFlags.POST_PENDING);
        if (post) {
            ResultCode state = accountState(debit, credit);
            if (state != ResultCode.OK) {
                return state;
            }
        }
        if (transfers.size() >= transfersMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        debit.debitsPending -= hold.amount();
        credit.creditsPending -= hold.amount();
        long moved = hold.amount();
        if (post) {
            moved = transfer.amount() == 0 ? hold.amount() : transfer.amount();
            debit.debitsPosted += moved;
            credit.creditsPosted += moved;
        }
        transfers.put(hold.asked().id(), hold.withStatus(post ? PendingStatus.POSTED : PendingStatus.VOIDED));
        transfers.put(transfer.id(), new ModelTransfer(transfer, hold.debit(), hold.credit(), hold.ledger(), moved,
                PendingStatus.NONE, clockNanos));
        return ResultCode.OK;
    }

    private static ResultCode accountState(ModelAccount debit, ModelAccount credit) {
        if (debit.has(AccountFlags.CLOSED) || credit.has(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (debit.has(AccountFlags.FROZEN) || credit.has(AccountFlags.FROZEN)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        return ResultCode.OK;
    }

    private BigInteger ledgerDebits(int ledger) {
        BigInteger sum = BigInteger.ZERO;
        for (ModelAccount account : accounts.values()) {
            if (account.ledger == ledger) {
                sum = sum.add(big(account.debitsPending)).add(big(account.debitsPosted));
            }
        }
        return sum;
    }

    private static boolean differs(UUID given, UUID held) {
        return !Ids.isZero(given) && !given.equals(held);
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
