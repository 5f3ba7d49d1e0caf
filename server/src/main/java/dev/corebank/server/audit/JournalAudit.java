package dev.corebank.server.audit;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.JournalVerifier;
import dev.corebank.ledger.LedgerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code audit verify}: re-reads the whole journal (every CRC, the hash chain, sequences and timestamps), re-derives
 * every balance by replaying it into a fresh state, and compares the result with the read model and, on a running
 * server, with the live engine. The server's admin endpoint and the command line both run it.
 *
 * <p>The read model is compared at its own position: the journal is replayed up to the sequence the read model's
 * checkpoint names, and each account's four balances and flags must match. The live engine is compared by state hash
 * at its committed position; when that differs from the read model's position the journal is read a second time.
 */
final class JournalAudit {
    /** Mismatching accounts named in a verdict at the most; the count is always complete. */
    static final int MISMATCHES_SHOWN_MAX = 20;

    /** The engine's state hash at a journal position, taken while nothing was committed in between. */
    record LiveState(long sequence, String stateHashHex) {
    }

    /** The read model's checkpoint and its accounts' balances and flags, read in one transaction. */
    record ReadModelState(long sequence, Map<UUID, Balances> accounts) {
    }

    /** An account row of the read model, as far as the comparison needs it. */
    record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted, int flags) {
    }

    /** What was found. {@code ok} is false when the journal is broken or anything compared differs. */
    record Verdict(boolean ok, JournalVerifier.Report journal, Comparison readModel, Comparison live) {
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            JournalVerifier.Report report = journal;
            if (report.ok()) {
                lines.add("journal: ok entries=" + report.entries() + " lastSequence=" + report.lastSequence()
                        + " bytes=" + report.bytes() + " (every CRC, the hash chain and the replay checked)");
            } else {
                lines.add("journal: BROKEN " + report.problem());
                lines.add("  file=" + report.file() + " offset=" + report.offset() + " sequence="
                        + report.sequence() + " (entries verified before it: " + report.entries() + ")");
            }
            lines.add("read model: " + (readModel == null ? "not compared" : readModel.describe()));
            lines.add("live state: " + (live == null ? "not compared" : live.describe()));
            lines.add("VERDICT: " + (ok ? "OK" : "MISMATCH"));
            return lines;
        }
    }

    /** One comparison: where it was made, how many accounts differ, the first few, or why it was skipped. */
    record Comparison(boolean ok, long sequence, int accountsCompared, int mismatchCount, List<String> mismatches,
                      String note) {
        String describe() {
            if (note != null) {
                return (ok ? "" : "MISMATCH ") + note;
            }
            return (ok ? "ok" : "MISMATCH") + " sequence=" + sequence + " accounts=" + accountsCompared
                    + (mismatchCount > 0 ? " mismatches=" + mismatchCount + " " + mismatches : "");
        }

        static Comparison skipped(String why) {
            return new Comparison(true, 0, 0, 0, List.of(), why);
        }
    }

    private final LedgerConfig config;

    JournalAudit(LedgerConfig config) {
        this.config = config;
    }

    /**
     * Verifies the journal and compares it with the read model (null: not compared) and the live state (null: not
     * compared). A broken journal makes no comparison: its balances cannot be trusted.
     */
    Verdict verify(ReadModelState readModel, LiveState live, JournalVerifier.Progress progress) {
        return verify(readModel, live, Long.MAX_VALUE, progress);
    }

    /**
     * As above, beside a live engine whose committed position was {@code durableBefore} when the check started: a
     * problem in a later entry is the engine writing its next entries while the files are read, not damage, and those
     * entries are left for the next run.
     */
    Verdict verify(ReadModelState readModel, LiveState live, long durableBefore, JournalVerifier.Progress progress) {
        JournalVerifier verifier = new JournalVerifier(config);
        long firstPosition = readModel != null ? readModel.sequence() : live != null ? live.sequence()
                : Long.MAX_VALUE;
        JournalVerifier.Report report = beyond(verifier.verifyUpTo(firstPosition, progress), durableBefore);
        if (!report.ok()) {
            return new Verdict(false, report, null, null);
        }
        Comparison readModelComparison = readModel == null ? null : compareReadModel(report, readModel);
        Comparison liveComparison = null;
        if (live != null) {
            JournalVerifier.Report atLive = live.sequence() == report.statePosition() ? report
                    : beyond(verifier.verifyUpTo(live.sequence(), JournalVerifier.Progress.NONE), durableBefore);
            liveComparison = compareLive(atLive, live);
        }
        boolean ok = (readModelComparison == null || readModelComparison.ok())
                && (liveComparison == null || liveComparison.ok());
        return new Verdict(ok, report, readModelComparison, liveComparison);
    }

    /** A report whose only problem lies past {@code durableBefore}, counted as a clean report up to it. */
    static JournalVerifier.Report beyond(JournalVerifier.Report report, long durableBefore) {
        if (report.ok() || report.sequence() <= durableBefore || report.statePosition() < 0) {
            return report;
        }
        return new JournalVerifier.Report(true, report.entries(), report.lastSequence(), report.bytes(),
                report.statePosition(), report.stateHashHex(), report.accounts(), null, null, 0, 0);
    }

    static Comparison compareReadModel(JournalVerifier.Report report, ReadModelState readModel) {
        if (report.statePosition() != readModel.sequence()) {
            return new Comparison(false, readModel.sequence(), 0, 1, List.of(), "the read model's checkpoint sequence="
                    + readModel.sequence() + " is past the journal's end lastSequence=" + report.lastSequence());
        }
        Map<UUID, Balances> projected = new HashMap<>(readModel.accounts());
        List<String> shown = new ArrayList<>();
        int mismatches = 0;
        for (Account derived : report.accounts()) {
            Balances row = projected.remove(derived.id());
            String difference = row == null ? "missing from the read model" : difference(derived, row);
            if (difference != null) {
                mismatches++;
                if (shown.size() < MISMATCHES_SHOWN_MAX) {
                    shown.add("account=" + derived.id() + " " + difference);
                }
            }
        }
        for (UUID extra : projected.keySet()) {
            mismatches++;
            if (shown.size() < MISMATCHES_SHOWN_MAX) {
                shown.add("account=" + extra + " in the read model but not in the journal");
            }
        }
        return new Comparison(mismatches == 0, readModel.sequence(), report.accounts().size(), mismatches,
                List.copyOf(shown), null);
    }

    /** Null when the balances and flags agree, else what differs, journal value first. */
    static String difference(Account derived, Balances row) {
        StringBuilder text = new StringBuilder();
        field(text, "debitsPending", derived.debitsPending(), row.debitsPending());
        field(text, "debitsPosted", derived.debitsPosted(), row.debitsPosted());
        field(text, "creditsPending", derived.creditsPending(), row.creditsPending());
        field(text, "creditsPosted", derived.creditsPosted(), row.creditsPosted());
        field(text, "flags", derived.flags(), row.flags());
        return text.isEmpty() ? null : text.toString().strip();
    }

    private static void field(StringBuilder text, String name, long journal, long readModel) {
        if (journal != readModel) {
            text.append(' ').append(name).append(" journal=").append(journal).append(" readModel=").append(readModel);
        }
    }

    static Comparison compareLive(JournalVerifier.Report report, LiveState live) {
        if (!report.ok()) {
            return new Comparison(false, live.sequence(), 0, 1, List.of(), "the journal could not be read again to "
                    + live.sequence() + ": " + report.problem());
        }
        if (report.statePosition() != live.sequence()) {
            return new Comparison(false, live.sequence(), 0, 1, List.of(), "the engine's committed sequence="
                    + live.sequence() + " is past the journal's end lastSequence=" + report.lastSequence());
        }
        boolean same = report.stateHashHex().equals(live.stateHashHex());
        return new Comparison(same, live.sequence(), report.accounts().size(), same ? 0 : 1, List.of(),
                "sequence=" + live.sequence() + " stateHash " + (same ? "matches " : "differs: journal="
                        + report.stateHashHex() + " engine=") + live.stateHashHex());
    }
}
