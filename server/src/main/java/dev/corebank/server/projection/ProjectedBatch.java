package dev.corebank.server.projection;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Ids;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.PendingStatus;
import dev.corebank.ledger.Transfer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a run of journal entries to in-memory copies of the rows they touch and collects the rows to write. It moves
 * balances exactly as the engine's state does (a post or void releases the whole hold, an expiry releases it, only
 * single-phase transfers and posts move posted balances) and does no I/O, so the caller decides what to load and
 * when to write.
 */
final class ProjectedBatch {
    static final String SINGLE_PHASE = "SINGLE_PHASE";
    static final String PENDING = "PENDING";
    static final String POST_PENDING = "POST_PENDING";
    static final String VOID_PENDING = "VOID_PENDING";

    // Insertion order, so the rows are written in the same order on every run.
    private final Map<UUID, ProjectedAccount> accounts = new LinkedHashMap<>();
    private final Map<UUID, PendingHold> holds = new HashMap<>();
    private final List<TransferRow> transfers = new ArrayList<>();
    private final Map<UUID, Integer> transferIndexes = new HashMap<>();
    private final List<Resolution> resolutions = new ArrayList<>();
    private final List<HistoryRow> history = new ArrayList<>();
    private final boolean dryRun;
    private int eventCount;

    /**
     * @param loadedAccounts the stored accounts the entries touch
     * @param loadedHolds    the stored, unresolved holds the entries resolve
     */
    ProjectedBatch(Collection<ProjectedAccount> loadedAccounts, Collection<PendingHold> loadedHolds) {
        this(loadedAccounts, loadedHolds, false);
    }

    private ProjectedBatch(Collection<ProjectedAccount> loadedAccounts, Collection<PendingHold> loadedHolds,
                           boolean dryRun) {
        for (ProjectedAccount account : loadedAccounts) {
            accounts.put(account.id, account);
        }
        for (PendingHold hold : loadedHolds) {
            holds.put(hold.id(), hold);
        }
        this.dryRun = dryRun;
    }

    /**
     * The rows {@code entries} write, by the same rules as a real run but without the stored rows: every account and
     * hold the entries touch and do not create starts as an empty placeholder. The balances it ends with mean nothing;
     * which rows it writes, their keys, sequences and statuses are those of a real run. For the check at start.
     */
    static ProjectedBatch dryRun(List<JournalEntry> entries) {
        Set<UUID> created = new HashSet<>();
        for (JournalEntry entry : entries) {
            for (LedgerEvent event : entry.events()) {
                switch (event) {
                    case LedgerEvent.AccountOpened opened -> created.add(opened.account().id());
                    case LedgerEvent.TransferPending pending -> created.add(pending.transfer().id());
                    default -> {
                    }
                }
            }
        }
        List<ProjectedAccount> placeholders = new ArrayList<>();
        for (UUID id : accountIds(entries)) {
            if (!created.contains(id)) {
                placeholders.add(new ProjectedAccount(id, 0, AccountType.ASSET, 0, 0, 0, 0, false));
            }
        }
        List<PendingHold> holdPlaceholders = new ArrayList<>();
        for (UUID id : pendingIds(entries)) {
            if (!created.contains(id)) {
                holdPlaceholders.add(new PendingHold(id, 0));
            }
        }
        ProjectedBatch batch = new ProjectedBatch(placeholders, holdPlaceholders, true);
        for (JournalEntry entry : entries) {
            batch.apply(entry);
        }
        return batch;
    }

    /** The account ids the entries touch; a superset is fine, since ids opened by the entries are simply not found. */
    static Set<UUID> accountIds(List<JournalEntry> entries) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (JournalEntry entry : entries) {
            for (LedgerEvent event : entry.events()) {
                switch (event) {
                    case LedgerEvent.AccountFlagsChanged changed -> ids.add(changed.accountId());
                    case LedgerEvent.TransferPosted posted -> addAccounts(ids, posted.transfer());
                    case LedgerEvent.TransferPending pending -> addAccounts(ids, pending.transfer());
                    case LedgerEvent.PendingPosted posted -> addAccounts(ids, posted.transfer());
                    case LedgerEvent.PendingVoided voided -> addAccounts(ids, voided.transfer());
                    case LedgerEvent.PendingExpired expired -> {
                        ids.add(expired.debitAccountId());
                        ids.add(expired.creditAccountId());
                    }
                    case LedgerEvent.ProfileChanged changed -> ids.add(changed.accountId());
                    default -> {
                        // Opened accounts are new; rejected attempts change nothing.
                    }
                }
            }
        }
        return ids;
    }

    /** The holds the entries resolve. */
    static Set<UUID> pendingIds(List<JournalEntry> entries) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (JournalEntry entry : entries) {
            for (LedgerEvent event : entry.events()) {
                switch (event) {
                    case LedgerEvent.PendingPosted posted -> ids.add(posted.transfer().pendingId());
                    case LedgerEvent.PendingVoided voided -> ids.add(voided.transfer().pendingId());
                    case LedgerEvent.PendingExpired expired -> ids.add(expired.pendingId());
                    default -> {
                    }
                }
            }
        }
        return ids;
    }

    private static void addAccounts(Set<UUID> ids, Transfer transfer) {
        ids.add(transfer.debitAccountId());
        ids.add(transfer.creditAccountId());
    }

    void apply(JournalEntry entry) {
        String traceId = entry.traceId().isNone() ? null : entry.traceId().toHex();
        for (LedgerEvent event : entry.events()) {
            apply(event, entry.sequence(), traceId);
            eventCount++;
        }
    }

    private void apply(LedgerEvent event, long sequence, String traceId) {
        switch (event) {
            case LedgerEvent.AccountOpened opened -> open(opened.account(), sequence);
            case LedgerEvent.AccountFlagsChanged changed -> {
                ProjectedAccount account = account(changed.accountId(), sequence);
                account.flags = changed.flags();
                account.touch(sequence);
            }
            case LedgerEvent.TransferPosted posted -> {
                move(posted.transfer(), posted.transfer().amount(), sequence);
                insert(posted.transfer(), SINGLE_PHASE, PendingStatus.NONE, sequence, traceId);
            }
            case LedgerEvent.TransferPending pending -> {
                Transfer transfer = pending.transfer();
                hold(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount(), sequence);
                insert(transfer, PENDING, PendingStatus.PENDING, sequence, traceId);
                holds.put(transfer.id(), new PendingHold(transfer.id(), transfer.amount()));
            }
            case LedgerEvent.PendingPosted posted -> {
                Transfer transfer = posted.transfer();
                release(transfer.pendingId(), transfer.debitAccountId(), transfer.creditAccountId(),
                        PendingStatus.POSTED, transfer.timestamp(), sequence);
                move(transfer, transfer.amount(), sequence);
                insert(transfer, POST_PENDING, PendingStatus.NONE, sequence, traceId);
            }
            case LedgerEvent.PendingVoided voided -> {
                Transfer transfer = voided.transfer();
                release(transfer.pendingId(), transfer.debitAccountId(), transfer.creditAccountId(),
                        PendingStatus.VOIDED, transfer.timestamp(), sequence);
                insert(transfer, VOID_PENDING, PendingStatus.NONE, sequence, traceId);
            }
            case LedgerEvent.PendingExpired expired -> {
                long released = release(expired.pendingId(), expired.debitAccountId(), expired.creditAccountId(),
                        PendingStatus.EXPIRED, expired.timestamp(), sequence);
                if (!dryRun && released != expired.amount()) {
                    throw new IllegalStateException("expiry releases a different amount than was held pendingId="
                            + expired.pendingId() + " held=" + released + " expired=" + expired.amount());
                }
            }
            case LedgerEvent.TransferRejected rejected -> {
                // Refused attempts changed nothing; the journal keeps them for the audit record.
            }
            case LedgerEvent.AccountRejected rejected -> {
            }
            case LedgerEvent.AccountChangeRejected rejected -> {
            }
            case LedgerEvent.ProfileChanged changed -> account(changed.accountId(), sequence).touch(sequence);
            case LedgerEvent.ProfileChangeRejected rejected -> {
            }
            case LedgerEvent.FactRecorded recorded -> {
            }
            case LedgerEvent.BusinessDateChanged changed -> {
            }
            case LedgerEvent.BusinessDateChangeRejected rejected -> {
            }
            case LedgerEvent.OverdraftLimitChanged changed -> {
                // The read model keeps no overdraft limits; the engine and the day book do.
            }
            case LedgerEvent.OverdraftLimitRejected rejected -> {
            }
        }
    }

    private void open(Account account, long sequence) {
        if (accounts.containsKey(account.id())) {
            throw new IllegalStateException("account opened twice account=" + account.id() + " sequence=" + sequence);
        }
        accounts.put(account.id(), new ProjectedAccount(account.id(), account.ledger(), account.type(),
                account.code(), account.flags(), account.timestamp(), sequence, true));
    }

    private ProjectedAccount account(UUID id, long sequence) {
        ProjectedAccount account = accounts.get(id);
        if (account == null) {
            throw new IllegalStateException("the read model has no account the journal names account=" + id
                    + " sequence=" + sequence);
        }
        return account;
    }

    /** Posts an amount: debits the debit account, credits the credit account, and records both statement lines. */
    private void move(Transfer transfer, long amountMinor, long sequence) {
        ProjectedAccount debit = account(transfer.debitAccountId(), sequence);
        ProjectedAccount credit = account(transfer.creditAccountId(), sequence);
        debit.post(amountMinor, true);
        credit.post(amountMinor, false);
        debit.touch(sequence);
        credit.touch(sequence);
        history.add(new HistoryRow(debit.id, transfer.timestamp(), sequence, transfer.id(), amountMinor, 0,
                debit.debitsPosted, debit.creditsPosted));
        history.add(new HistoryRow(credit.id, transfer.timestamp(), sequence, transfer.id(), 0, amountMinor,
                credit.debitsPosted, credit.creditsPosted));
    }

    private void hold(UUID debitId, UUID creditId, long amountMinor, long sequence) {
        ProjectedAccount debit = account(debitId, sequence);
        ProjectedAccount credit = account(creditId, sequence);
        debit.hold(amountMinor, true);
        credit.hold(amountMinor, false);
        debit.touch(sequence);
        credit.touch(sequence);
    }

    /** Releases the whole of a hold and marks it resolved; returns the amount released. */
    private long release(UUID pendingId, UUID debitId, UUID creditId, PendingStatus status, long timestamp,
                         long sequence) {
        PendingHold hold = holds.remove(pendingId);
        if (hold == null) {
            throw new IllegalStateException("the read model has no unresolved hold the journal resolves pendingId="
                    + pendingId + " sequence=" + sequence);
        }
        hold(debitId, creditId, -hold.amountMinor(), sequence);
        Integer index = transferIndexes.get(pendingId);
        if (index != null) {
            transfers.set(index, transfers.get(index).resolved(status.name(), timestamp));
        } else {
            resolutions.add(new Resolution(pendingId, status.name(), timestamp));
        }
        return hold.amountMinor();
    }

    private void insert(Transfer transfer, String kind, PendingStatus status, long sequence, String traceId) {
        UUID pendingId = Ids.isZero(transfer.pendingId()) ? null : transfer.pendingId();
        transferIndexes.put(transfer.id(), transfers.size());
        transfers.add(new TransferRow(transfer.id(), transfer.debitAccountId(), transfer.creditAccountId(),
                transfer.amount(), transfer.ledger(), transfer.code(), transfer.flags(), kind, status.name(),
                pendingId, transfer.timeoutSeconds(), transfer.reference(), transfer.timestamp(), sequence, null,
                traceId));
    }

    Collection<ProjectedAccount> accounts() {
        return accounts.values();
    }

    List<TransferRow> transfers() {
        return transfers;
    }

    List<Resolution> resolutions() {
        return resolutions;
    }

    List<HistoryRow> history() {
        return history;
    }

    int eventCount() {
        return eventCount;
    }
}
