package dev.corebank.ledger;

import dev.corebank.ledger.ReferenceLedger.ModelAccount;
import dev.corebank.ledger.ReferenceLedger.ModelTransfer;
import dev.corebank.ledger.ReferenceLedger.Movement;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The documented rules of docs/ledger.md ("Result codes and their precedence"), one predicate each, over the state of
 * a {@link ReferenceLedger}. Every rule is decided on its own, without assuming that any other rule passed, and all
 * the broken ones are collected; {@link #first} then picks the first in the documented order (the declaration order
 * of {@link ResultCode}). So a precedence mistake in the engine shows as a different code, where a model that checked
 * the rules in sequence, as the engine does, would make the same mistake. Balances are summed in {@link BigInteger},
 * so the overflow rule is a plain comparison with {@code Long.MAX_VALUE}.
 */
final class ReferenceRules {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * A transfer and what it meets: for a post or void the hold it names and that hold's accounts (the docs: they are
     * taken from the pending transfer), otherwise the accounts it names; and what it would move, when that is known.
     */
    record Item(Transfer transfer, boolean resolving, boolean posting, ModelTransfer stored, ModelTransfer hold,
                ModelAccount debit, ModelAccount credit, Movement movement) {
    }

    private final ReferenceLedger ledger;

    ReferenceRules(ReferenceLedger ledger) {
        this.ledger = ledger;
    }

    /** The first broken rule in precedence order, or OK when none is broken. */
    static ResultCode first(EnumSet<ResultCode> broken) {
        // An EnumSet iterates in declaration order, which is the documented precedence order.
        return broken.isEmpty() ? ResultCode.OK : broken.iterator().next();
    }

    private static void mark(EnumSet<ResultCode> broken, ResultCode rule, boolean isBroken) {
        if (isBroken) {
            broken.add(rule);
        }
    }

    // ---- accounts ----

    EnumSet<ResultCode> brokenByOpening(Account account) {
        EnumSet<ResultCode> broken = EnumSet.noneOf(ResultCode.class);
        ModelAccount existing = ledger.accounts().get(account.id());
        mark(broken, ResultCode.ID_MUST_NOT_BE_ZERO, Ids.isZero(account.id()));
        mark(broken, ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE,
                account.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                        && account.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS));
        mark(broken, ResultCode.LEDGER_MUST_NOT_BE_ZERO, account.ledger() == 0);
        mark(broken, ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, existing != null && !sameAccountAsked(account, existing));
        mark(broken, ResultCode.EXISTS, existing != null && sameAccountAsked(account, existing));
        mark(broken, ResultCode.ACCOUNT_CLOSED, account.hasFlag(AccountFlags.CLOSED));
        mark(broken, ResultCode.CAPACITY_EXCEEDED, ledger.accounts().size() >= ledger.accountsMax);
        return broken;
    }

    /**
     * A retry asks for what the account was opened with: ledger, type, code and the balance-rule flags. FROZEN and
     * CLOSED are not compared: docs/ledger.md says "the same fields", but the engine keeps only the account's current
     * flags, so it cannot tell a retry that asks for FROZEN or CLOSED from one that does not, and answers exists for
     * both (a reported gap between the docs and the engine, modelled as the engine does).
     */
    private static boolean sameAccountAsked(Account retried, ModelAccount existing) {
        Account opened = existing.opened;
        int stateFlags = AccountFlags.FROZEN | AccountFlags.CLOSED | AccountFlags.DORMANT;
        return retried.ledger() == opened.ledger() && retried.type() == opened.type()
                && retried.code() == opened.code()
                && (retried.flags() & ~stateFlags) == (opened.flags() & ~stateFlags);
    }

    EnumSet<ResultCode> brokenByChange(AccountChange change) {
        EnumSet<ResultCode> broken = EnumSet.noneOf(ResultCode.class);
        ModelAccount account = ledger.accounts().get(change.accountId());
        boolean closing = change.operation() == AccountOperation.CLOSE;
        mark(broken, ResultCode.ID_MUST_NOT_BE_ZERO, Ids.isZero(change.accountId()));
        mark(broken, ResultCode.ACCOUNT_NOT_FOUND, account == null);
        mark(broken, ResultCode.ACCOUNT_CLOSED, account != null && account.has(AccountFlags.CLOSED));
        mark(broken, ResultCode.ACCOUNT_BALANCE_NOT_ZERO,
                closing && account != null && account.debitsPosted != account.creditsPosted);
        mark(broken, ResultCode.ACCOUNT_HAS_PENDING_TRANSFERS, closing && account != null && hasHolds(account.id));
        return broken;
    }

    /** Holds are found among the stored transfers, not read from the pending balances. */
    private boolean hasHolds(UUID accountId) {
        return ledger.transfers().values().stream().anyMatch(transfer -> transfer.status() == PendingStatus.PENDING
                && (transfer.debit().equals(accountId) || transfer.credit().equals(accountId)));
    }

    // ---- transfers ----

    Item item(Transfer transfer) {
        boolean posting = transfer.hasFlag(TransferFlags.POST_PENDING);
        boolean resolving = posting || transfer.hasFlag(TransferFlags.VOID_PENDING);
        ModelTransfer stored = ledger.transfers().get(transfer.id());
        if (!resolving) {
            ModelAccount debit = ledger.accounts().get(transfer.debitAccountId());
            ModelAccount credit = ledger.accounts().get(transfer.creditAccountId());
            return new Item(transfer, false, false, stored, null, debit, credit,
                    singlePhaseMovement(transfer, debit, credit));
        }
        ModelTransfer named = ledger.transfers().get(transfer.pendingId());
        ModelTransfer hold = named != null && named.isHold() ? named : null;
        if (hold == null) {
            return new Item(transfer, true, posting, stored, named, null, null, null);
        }
        long posted = !posting ? 0 : transfer.amount() == 0 ? hold.amount() : transfer.amount();
        Movement movement = new Movement(hold.debit(), hold.credit(), 0, hold.amount(), posted);
        return new Item(transfer, true, posting, stored, hold, ledger.accounts().get(hold.debit()),
                ledger.accounts().get(hold.credit()), movement);
    }

    /** What a transfer or hold moves: its amount, cut by a balancing flag to what the account has room for. */
    private static Movement singlePhaseMovement(Transfer transfer, ModelAccount debit, ModelAccount credit) {
        if (debit == null || credit == null || transfer.amount() <= 0) {
            return null;
        }
        long amount = transfer.amount();
        if (transfer.hasFlag(TransferFlags.BALANCING_DEBIT)) {
            amount = Math.min(amount, debitRoom(debit).longValueExact());
        }
        if (transfer.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            amount = Math.min(amount, creditRoom(credit).longValueExact());
        }
        boolean hold = transfer.hasFlag(TransferFlags.PENDING);
        return new Movement(debit.id, credit.id, hold ? amount : 0, 0, hold ? 0 : amount);
    }

    /** What the debit account holds: credits posted - debits posted - debits pending, never below zero. */
    private static BigInteger debitRoom(ModelAccount account) {
        return big(account.creditsPosted).subtract(big(account.debitsPosted)).subtract(big(account.debitsPending))
                .max(BigInteger.ZERO);
    }

    /** What the credit account allows: debits posted - credits posted - credits pending, never below zero. */
    private static BigInteger creditRoom(ModelAccount account) {
        return big(account.debitsPosted).subtract(big(account.creditsPosted)).subtract(big(account.creditsPending))
                .max(BigInteger.ZERO);
    }

    EnumSet<ResultCode> brokenByTransfer(Item item) {
        EnumSet<ResultCode> broken = EnumSet.noneOf(ResultCode.class);
        markFieldRules(broken, item.transfer(), item.resolving());
        markIdempotency(broken, item);
        markLookups(broken, item);
        markTwoPhaseRules(broken, item);
        markAccountState(broken, item);
        markAmountRules(broken, item);
        mark(broken, ResultCode.CAPACITY_EXCEEDED, ledger.transfers().size() >= ledger.transfersMax);
        return broken;
    }

    private static void markFieldRules(EnumSet<ResultCode> broken, Transfer transfer, boolean resolving) {
        int phases = Integer.bitCount(transfer.flags()
                & (TransferFlags.PENDING | TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING));
        boolean balancing = transfer.hasFlag(TransferFlags.BALANCING_DEBIT)
                || transfer.hasFlag(TransferFlags.BALANCING_CREDIT);
        boolean pendingIdZero = Ids.isZero(transfer.pendingId());
        mark(broken, ResultCode.ID_MUST_NOT_BE_ZERO, Ids.isZero(transfer.id()));
        mark(broken, ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE, phases > 1 || (resolving && balancing));
        // The docs let a post or void leave the ledger zero; every other transfer needs one.
        mark(broken, ResultCode.LEDGER_MUST_NOT_BE_ZERO, !resolving && transfer.ledger() == 0);
        mark(broken, ResultCode.PENDING_ID_MUST_BE_ZERO, !resolving && !pendingIdZero);
        mark(broken, ResultCode.PENDING_ID_MUST_NOT_BE_ZERO, resolving && pendingIdZero);
        mark(broken, ResultCode.PENDING_ID_MUST_BE_DIFFERENT, resolving && transfer.pendingId().equals(transfer.id()));
        mark(broken, ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
                transfer.timeoutSeconds() != 0 && !transfer.hasFlag(TransferFlags.PENDING));
        mark(broken, ResultCode.AMOUNT_MUST_BE_POSITIVE, resolving ? transfer.amount() < 0 : transfer.amount() <= 0);
        // A post or void may leave both accounts zero (taken from the hold): only accounts given can be the same.
        boolean sameAccounts = transfer.debitAccountId().equals(transfer.creditAccountId());
        mark(broken, ResultCode.ACCOUNTS_MUST_BE_DIFFERENT,
                sameAccounts && !(resolving && Ids.isZero(transfer.debitAccountId())));
    }

    private static void markIdempotency(EnumSet<ResultCode> broken, Item item) {
        ModelTransfer stored = item.stored();
        mark(broken, ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, stored != null && !sameTransferAsked(item, stored));
        mark(broken, ResultCode.EXISTS, stored != null && sameTransferAsked(item, stored));
    }

    /**
     * A retry asks for what the stored transfer asked for. For a post or void, accounts and ledger left zero match
     * what the hold supplied; the code is compared as given.
     */
    private static boolean sameTransferAsked(Item item, ModelTransfer stored) {
        Transfer retried = item.transfer();
        Transfer asked = stored.asked();
        boolean resolving = item.resolving();
        boolean sameRequest = retried.flags() == asked.flags() && retried.amount() == asked.amount()
                && retried.code() == asked.code() && retried.timeoutSeconds() == asked.timeoutSeconds()
                && retried.pendingId().equals(asked.pendingId()) && retried.reference().equals(asked.reference());
        boolean sameLedger = retried.ledger() == stored.ledger() || (resolving && retried.ledger() == 0);
        boolean sameDebit = retried.debitAccountId().equals(stored.debit())
                || (resolving && Ids.isZero(retried.debitAccountId()));
        boolean sameCredit = retried.creditAccountId().equals(stored.credit())
                || (resolving && Ids.isZero(retried.creditAccountId()));
        return sameRequest && sameLedger && sameDebit && sameCredit;
    }

    /** The lookups of the accounts a transfer names; a post or void names a hold instead (the next rules). */
    private static void markLookups(EnumSet<ResultCode> broken, Item item) {
        boolean singlePhase = !item.resolving();
        ModelAccount debit = item.debit();
        ModelAccount credit = item.credit();
        mark(broken, ResultCode.DEBIT_ACCOUNT_NOT_FOUND, singlePhase && debit == null);
        mark(broken, ResultCode.CREDIT_ACCOUNT_NOT_FOUND, singlePhase && credit == null);
        mark(broken, ResultCode.LEDGER_MISMATCH, singlePhase && debit != null && credit != null
                && (debit.ledger != credit.ledger || item.transfer().ledger() != debit.ledger));
    }

    private void markTwoPhaseRules(EnumSet<ResultCode> broken, Item item) {
        if (!item.resolving()) {
            return;
        }
        Transfer transfer = item.transfer();
        ModelTransfer named = item.hold();
        boolean isHold = named != null && named.isHold();
        PendingStatus status = isHold ? named.status() : null;
        mark(broken, ResultCode.PENDING_TRANSFER_NOT_FOUND, named == null);
        mark(broken, ResultCode.PENDING_TRANSFER_NOT_PENDING, named != null && !named.isHold());
        mark(broken, ResultCode.PENDING_TRANSFER_HAS_DIFFERENT_FIELDS, isHold && namesOtherThanHold(transfer, named));
        mark(broken, ResultCode.PENDING_TRANSFER_ALREADY_POSTED, status == PendingStatus.POSTED);
        mark(broken, ResultCode.PENDING_TRANSFER_ALREADY_VOIDED, status == PendingStatus.VOIDED);
        mark(broken, ResultCode.PENDING_TRANSFER_EXPIRED, status == PendingStatus.EXPIRED
                || (status == PendingStatus.PENDING && ledger.isDue(named)));
        // docs/ledger.md says "posting more than held"; the engine refuses a void that gives more than the hold too.
        // That is not in the docs: it is a reported gap between the docs and the engine, modelled as the engine does.
        mark(broken, ResultCode.EXCEEDS_PENDING_TRANSFER_AMOUNT, isHold && transfer.amount() > named.amount());
    }

    /** Accounts, ledger and code left zero are taken from the hold; given, they must be the hold's. */
    private static boolean namesOtherThanHold(Transfer transfer, ModelTransfer hold) {
        return given(transfer.debitAccountId()) && !transfer.debitAccountId().equals(hold.debit())
                || given(transfer.creditAccountId()) && !transfer.creditAccountId().equals(hold.credit())
                || transfer.ledger() != 0 && transfer.ledger() != hold.ledger()
                || transfer.code() != 0 && transfer.code() != hold.asked().code();
    }

    private static boolean given(UUID id) {
        return !Ids.isZero(id);
    }

    /** A transfer (or hold) and a post touch both accounts; a void only releases, so the state does not stop it. */
    private static void markAccountState(EnumSet<ResultCode> broken, Item item) {
        boolean voiding = item.resolving() && !item.posting();
        if (voiding || item.debit() == null || item.credit() == null) {
            return;
        }
        mark(broken, ResultCode.ACCOUNT_CLOSED,
                item.debit().has(AccountFlags.CLOSED) || item.credit().has(AccountFlags.CLOSED));
        mark(broken, ResultCode.ACCOUNT_FROZEN,
                item.debit().has(AccountFlags.FROZEN) || item.credit().has(AccountFlags.FROZEN));
        // docs/ledger.md: a dormant account may not be debited; it may still be credited.
        mark(broken, ResultCode.ACCOUNT_DORMANT, item.debit().has(AccountFlags.DORMANT));
    }

    private void markAmountRules(EnumSet<ResultCode> broken, Item item) {
        Transfer transfer = item.transfer();
        if (!item.resolving() && item.debit() != null && item.credit() != null) {
            mark(broken, ResultCode.EXCEEDS_CREDITS, transfer.hasFlag(TransferFlags.BALANCING_DEBIT)
                    && debitRoom(item.debit()).signum() == 0);
            mark(broken, ResultCode.EXCEEDS_DEBITS, transfer.hasFlag(TransferFlags.BALANCING_CREDIT)
                    && creditRoom(item.credit()).signum() == 0);
        }
        if (item.movement() == null) {
            return;
        }
        Map<UUID, BigInteger[]> after = balancesAfter(item.movement());
        mark(broken, ResultCode.OVERFLOW, overflows(after, item.movement()));
        after.forEach((id, balances) -> {
            ModelAccount account = ledger.accounts().get(id);
            // balances: debits pending, debits posted, credits pending, credits posted
            mark(broken, ResultCode.EXCEEDS_CREDITS, account.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                    && balances[0].add(balances[1]).compareTo(balances[3]) > 0);
            mark(broken, ResultCode.EXCEEDS_DEBITS, account.has(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                    && balances[2].add(balances[3]).compareTo(balances[1]) > 0);
        });
    }

    /** The four balances of each of the two accounts after the movement, exactly. */
    private Map<UUID, BigInteger[]> balancesAfter(Movement movement) {
        Map<UUID, BigInteger[]> after = new HashMap<>();
        for (UUID id : new UUID[] {movement.debit(), movement.credit()}) {
            ModelAccount account = ledger.accounts().get(id);
            after.put(id, new BigInteger[] {big(account.debitsPending), big(account.debitsPosted),
                    big(account.creditsPending), big(account.creditsPosted)});
        }
        BigInteger pending = big(movement.pendingAdded()).subtract(big(movement.pendingReleased()));
        BigInteger posted = big(movement.postedAdded());
        BigInteger[] debit = after.get(movement.debit());
        debit[0] = debit[0].add(pending);
        debit[1] = debit[1].add(posted);
        BigInteger[] credit = after.get(movement.credit());
        credit[2] = credit[2].add(pending);
        credit[3] = credit[3].add(posted);
        return after;
    }

    /**
     * A balance of either account, or a total of the ledger it is in, would pass Long.MAX_VALUE. Pending and posted
     * are counted together on each side, because a hold may be posted later and must then still fit: docs/ledger.md
     * names only "a balance or a ledger total", and the engine counts them together (a reported gap in the docs).
     */
    private boolean overflows(Map<UUID, BigInteger[]> after, Movement movement) {
        int ledgerOfMovement = ledger.accounts().get(movement.debit()).ledger;
        BigInteger ledgerDebits = BigInteger.ZERO;
        BigInteger ledgerCredits = BigInteger.ZERO;
        boolean accountOverflows = false;
        for (ModelAccount account : ledger.accounts().values()) {
            if (account.ledger != ledgerOfMovement) {
                continue;
            }
            BigInteger[] balances = after.getOrDefault(account.id, new BigInteger[] {big(account.debitsPending),
                    big(account.debitsPosted), big(account.creditsPending), big(account.creditsPosted)});
            BigInteger debits = balances[0].add(balances[1]);
            BigInteger credits = balances[2].add(balances[3]);
            accountOverflows |= debits.compareTo(LONG_MAX) > 0 || credits.compareTo(LONG_MAX) > 0;
            ledgerDebits = ledgerDebits.add(debits);
            ledgerCredits = ledgerCredits.add(credits);
        }
        return accountOverflows || ledgerDebits.compareTo(LONG_MAX) > 0 || ledgerCredits.compareTo(LONG_MAX) > 0;
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
