package dev.corebank.server.audit;

import dev.corebank.ledger.Provenance;

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
    record ReadModelState(long sequence, Map<UUID, Balances> accounts, AuditTrailState trail) {
        ReadModelState(long sequence, Map<UUID, Balances> accounts) {
            this(sequence, accounts, null);
        }
    }

    /**
     * The audit trail as stored: the audit reactor's checkpoint, and for each record derived from the journal the
     * sequence and chain hash of its entry.
     */
    record AuditTrailState(long checkpoint, Map<Long, String> hashBySequence) {
    }

    /** An account row of the read model, as far as the comparison needs it. */
    record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted, int flags) {
    }

    /** What was found. {@code ok} is false when the journal is broken or anything compared differs. */
    record Verdict(boolean ok, JournalVerifier.Report journal, Comparison readModel, Comparison live,
                   Comparison auditTrail) {
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
            lines.add("audit trail: " + (auditTrail == null ? "not compared" : auditTrail.describe()));
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
        TrailCheck trailCheck = readModel == null || readModel.trail() == null ? null
                : new TrailCheck(readModel.trail());
        JournalVerifier.Report report = beyond(verifier.verifyUpTo(firstPosition, progress,
                trailCheck == null ? JournalVerifier.EntryVisitor.NONE : trailCheck), durableBefore);
        if (!report.ok()) {
            return new Verdict(false, report, null, null, null);
        }
        Comparison trailComparison = trailCheck == null ? null : trailCheck.result(report.lastSequence());
        Comparison readModelComparison = readModel == null ? null : compareReadModel(report, readModel);
        Comparison liveComparison = null;
        if (live != null) {
            JournalVerifier.Report atLive = live.sequence() == report.statePosition() ? report
                    : beyond(verifier.verifyUpTo(live.sequence(), JournalVerifier.Progress.NONE), durableBefore);
            liveComparison = compareLive(atLive, live);
        }
        boolean ok = (readModelComparison == null || readModelComparison.ok())
                && (liveComparison == null || liveComparison.ok())
                && (trailComparison == null || trailComparison.ok());
        return new Verdict(ok, report, readModelComparison, liveComparison, trailComparison);
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

    /**
     * Holds the audit trail against the chain while the journal is verified: up to the audit reactor's checkpoint,
     * every entry written for a request or for corebank's own work has exactly one record naming its hash, and no
     * record names an entry that is not there or not like that. A record changed, removed or invented is found.
     */
    static final class TrailCheck implements JournalVerifier.EntryVisitor {
        private final AuditTrailState trail;
        private final Map<Long, String> unmatched;
        private final List<String> shown = new ArrayList<>();
        private int mismatches;
        private int compared;

        TrailCheck(AuditTrailState trail) {
            this.trail = trail;
            this.unmatched = new HashMap<>(trail.hashBySequence());
        }

        @Override
        public void entry(long sequence, byte[] hash, Provenance provenance) {
            if (sequence > trail.checkpoint()) {
                return;
            }
            boolean recorded = provenance.hasApiKey() || !provenance.role().isEmpty();
            String stored = unmatched.remove(sequence);
            String expected = recorded ? java.util.HexFormat.of().formatHex(hash) : null;
            if (recorded) {
                compared++;
            }
            if (!java.util.Objects.equals(stored, expected)) {
                mismatch("sequence=" + sequence + (stored == null ? " has no audit record"
                        : expected == null ? " has an audit record but was not written for a request"
                        : " audit record names hash=" + stored + " journal=" + expected));
            }
        }

        Comparison result(long lastSequence) {
            for (Long sequence : unmatched.keySet().stream().sorted().toList()) {
                mismatch("sequence=" + sequence + " has an audit record but no such entry in the journal (last="
                        + lastSequence + ", audit checkpoint=" + trail.checkpoint() + ")");
            }
            return new Comparison(mismatches == 0, trail.checkpoint(), compared, mismatches, List.copyOf(shown),
                    (mismatches == 0 ? "ok " : "") + "records=" + compared + " checked against the chain up"
                            + " to the audit checkpoint=" + trail.checkpoint()
                            + (mismatches > 0 ? " mismatches=" + mismatches + " " + shown : ""));
        }

        private void mismatch(String what) {
            mismatches++;
            if (shown.size() < MISMATCHES_SHOWN_MAX) {
                shown.add(what);
            }
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
