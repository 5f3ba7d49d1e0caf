package dev.corebank.server.projection;

import dev.corebank.server.reactor.CheckpointWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The projector's check at start: holds the read model against the journal around its checkpoint. The rows the last
 * entries up to the checkpoint wrote must be there as those entries left them, and no row of an entry after it may be.
 * A dry run of the projector's own rules ({@link ProjectedBatch#dryRun}) says which rows those are.
 *
 * <p>What it compares, for the entries on each side of the checkpoint:
 * <pre>
 * rows              | up to the checkpoint                                | after it
 * ------------------+-----------------------------------------------------+----------------------------------------
 * transfers         | there, with the entry's sequence and hold status    | not there
 * resolved holds    | the hold there with its resolution                  | the hold, if there, still PENDING
 * accounts          | there, last changed by the last entry touching them | opened ones not there; others there, not
 *                   |                                                     | changed after the checkpoint
 * balance history   | every line there with its sequence; the account's   | not there
 *                   | posted totals equal to those of its last line       |
 * </pre>
 * It reads by primary key and by the history's (account, time) key, a few queries per 256 rows, so its cost is bounded
 * by the window, not by the size of the read model. It finds damage near the checkpoint, where a crash leaves it; a
 * row lost far behind the checkpoint is for {@code audit verify}.
 */
final class ReadModelTailCheck {
    /** Findings named in the log at the most; the count is always complete. */
    static final int FINDINGS_SHOWN_MAX = 10;

    private static final String SELECT_TRANSFERS = "SELECT id, journal_sequence, pending_status FROM transfers"
            + " WHERE id IN ";
    private static final String SELECT_ACCOUNTS = "SELECT id, updated_sequence, debits_posted, credits_posted"
            + " FROM accounts WHERE id IN ";
    private static final String SELECT_HISTORY = "SELECT account_id, engine_timestamp, journal_sequence,"
            + " debits_posted, credits_posted FROM balance_history WHERE engine_timestamp >= ? AND account_id IN ";

    private record StoredTransfer(long sequence, String pendingStatus) {
    }

    private record StoredAccount(long updatedSequence, long debitsPosted, long creditsPosted) {
    }

    private record HistoryKey(UUID accountId, long engineTimestamp) {
    }

    private record StoredLine(long sequence, long debitsPosted, long creditsPosted) {
    }

    /** What the check found: how many rows differ, and the first few. Empty when the read model agrees. */
    record Findings(int count, List<String> shown) {
        boolean agree() {
            return count == 0;
        }

        @Override
        public String toString() {
            return "findings=" + count + " " + shown;
        }
    }

    private final ReadModelWriter writer;

    ReadModelTailCheck(ReadModelWriter writer) {
        this.writer = writer;
    }

    /** Compares the read model with {@code window}; runs in the caller's transaction. */
    Findings check(CheckpointWindow window) {
        ProjectedBatch before = ProjectedBatch.dryRun(window.before());
        ProjectedBatch after = ProjectedBatch.dryRun(window.after());
        List<String> found = new ArrayList<>();
        checkTransfers(before, after, found);
        Map<UUID, StoredAccount> accounts = checkAccounts(window.checkpoint(), before, after, found);
        checkHistory(before, after, accounts, found);
        return new Findings(found.size(), List.copyOf(found.subList(0, Math.min(found.size(), FINDINGS_SHOWN_MAX))));
    }

    private void checkTransfers(ProjectedBatch before, ProjectedBatch after, List<String> found) {
        Set<UUID> ids = new LinkedHashSet<>();
        before.transfers().forEach(row -> ids.add(row.id()));
        before.resolutions().forEach(resolution -> ids.add(resolution.pendingId()));
        after.transfers().forEach(row -> ids.add(row.id()));
        after.resolutions().forEach(resolution -> ids.add(resolution.pendingId()));
        Map<UUID, StoredTransfer> stored = new HashMap<>();
        for (Map.Entry<UUID, StoredTransfer> row : writer.selectByIds(SELECT_TRANSFERS, ids, (row, index) -> Map.entry(
                row.getObject(1, UUID.class), new StoredTransfer(row.getLong(2), row.getString(3))))) {
            stored.put(row.getKey(), row.getValue());
        }
        for (TransferRow expected : before.transfers()) {
            StoredTransfer row = stored.get(expected.id());
            if (row == null) {
                found.add("transfer missing id=" + expected.id() + " sequence=" + expected.journalSequence());
            } else if (row.sequence() != expected.journalSequence()
                    || !row.pendingStatus().equals(expected.pendingStatus())) {
                found.add("transfer differs id=" + expected.id() + " sequence=" + row.sequence() + "/"
                        + expected.journalSequence() + " pendingStatus=" + row.pendingStatus() + "/"
                        + expected.pendingStatus());
            }
        }
        for (Resolution expected : before.resolutions()) {
            StoredTransfer hold = stored.get(expected.pendingId());
            if (hold == null || !hold.pendingStatus().equals(expected.status())) {
                found.add("hold not resolved pendingId=" + expected.pendingId() + " status="
                        + (hold == null ? "missing" : hold.pendingStatus()) + "/" + expected.status());
            }
        }
        for (TransferRow early : after.transfers()) {
            if (stored.containsKey(early.id())) {
                found.add("transfer after the checkpoint id=" + early.id() + " sequence=" + early.journalSequence());
            }
        }
        for (Resolution early : after.resolutions()) {
            StoredTransfer hold = stored.get(early.pendingId());
            if (hold != null && !hold.pendingStatus().equals(ProjectedBatch.PENDING)) {
                found.add("hold resolved after the checkpoint pendingId=" + early.pendingId() + " status="
                        + hold.pendingStatus());
            }
        }
    }

    private Map<UUID, StoredAccount> checkAccounts(long checkpoint, ProjectedBatch before, ProjectedBatch after,
                                                   List<String> found) {
        Set<UUID> ids = new LinkedHashSet<>();
        before.accounts().forEach(account -> ids.add(account.id));
        after.accounts().forEach(account -> ids.add(account.id));
        Map<UUID, StoredAccount> stored = new HashMap<>();
        for (Map.Entry<UUID, StoredAccount> row : writer.selectByIds(SELECT_ACCOUNTS, ids, (row, index) -> Map.entry(
                row.getObject(1, UUID.class), new StoredAccount(row.getLong(2), row.getLong(3), row.getLong(4))))) {
            stored.put(row.getKey(), row.getValue());
        }
        for (ProjectedAccount expected : before.accounts()) {
            StoredAccount row = stored.get(expected.id);
            if (row == null) {
                found.add("account missing id=" + expected.id + " sequence=" + expected.updatedSequence);
            } else if (row.updatedSequence() != expected.updatedSequence) {
                found.add("account not as its last entry left it id=" + expected.id + " updatedSequence="
                        + row.updatedSequence() + "/" + expected.updatedSequence);
            }
        }
        for (ProjectedAccount early : after.accounts()) {
            StoredAccount row = stored.get(early.id);
            if (early.opened && row != null) {
                found.add("account opened after the checkpoint id=" + early.id + " sequence=" + early.openedSequence);
            } else if (!early.opened && row == null) {
                found.add("account missing id=" + early.id);
            } else if (row != null && row.updatedSequence() > checkpoint) {
                found.add("account changed after the checkpoint id=" + early.id + " updatedSequence="
                        + row.updatedSequence());
            }
        }
        return stored;
    }

    private void checkHistory(ProjectedBatch before, ProjectedBatch after, Map<UUID, StoredAccount> accounts,
                              List<String> found) {
        if (before.history().isEmpty() && after.history().isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        long fromTimestamp = Long.MAX_VALUE;
        for (List<HistoryRow> rows : List.of(before.history(), after.history())) {
            for (HistoryRow row : rows) {
                ids.add(row.accountId());
                fromTimestamp = Math.min(fromTimestamp, row.engineTimestamp());
            }
        }
        Map<HistoryKey, StoredLine> stored = new HashMap<>();
        for (Map.Entry<HistoryKey, StoredLine> row : writer.selectByIds(SELECT_HISTORY, List.of(fromTimestamp), ids,
                (row, index) -> Map.entry(new HistoryKey(row.getObject(1, UUID.class), row.getLong(2)),
                        new StoredLine(row.getLong(3), row.getLong(4), row.getLong(5))))) {
            stored.put(row.getKey(), row.getValue());
        }
        // The last line of each account up to the checkpoint carries the posted totals its row must show.
        Map<UUID, HistoryRow> lastLines = new HashMap<>();
        for (HistoryRow expected : before.history()) {
            StoredLine line = stored.get(new HistoryKey(expected.accountId(), expected.engineTimestamp()));
            if (line == null || line.sequence() != expected.journalSequence()) {
                found.add("statement line " + (line == null ? "missing" : "differs sequence=" + line.sequence())
                        + " account=" + expected.accountId() + " sequence=" + expected.journalSequence());
            }
            lastLines.put(expected.accountId(), expected);
        }
        for (HistoryRow last : lastLines.values()) {
            StoredLine line = stored.get(new HistoryKey(last.accountId(), last.engineTimestamp()));
            StoredAccount account = accounts.get(last.accountId());
            if (line != null && account != null && (line.debitsPosted() != account.debitsPosted()
                    || line.creditsPosted() != account.creditsPosted())) {
                found.add("account totals differ from its last statement line account=" + last.accountId()
                        + " debitsPosted=" + account.debitsPosted() + "/" + line.debitsPosted() + " creditsPosted="
                        + account.creditsPosted() + "/" + line.creditsPosted());
            }
        }
        for (HistoryRow early : after.history()) {
            if (stored.containsKey(new HistoryKey(early.accountId(), early.engineTimestamp()))) {
                found.add("statement line after the checkpoint account=" + early.accountId() + " sequence="
                        + early.journalSequence());
            }
        }
    }
}
