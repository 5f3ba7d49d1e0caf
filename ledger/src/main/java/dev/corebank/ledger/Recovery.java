package dev.corebank.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Start-up: load the newest valid snapshot, then replay the journal after it, cutting a torn tail. The snapshot's
 * recorded chain hash must match the journal's hash at the same sequence, which proves the two describe one history.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /** The recovered state and where the journal ends. */
    record Recovered(LedgerState state, JournalScanner.End end, RecoveryReport report) {
    }

    private Recovery() {
    }

    static Path journalDirectory(LedgerConfig config) {
        return config.dataDirectory().resolve("journal");
    }

    static Path snapshotDirectory(LedgerConfig config) {
        return config.dataDirectory().resolve("snapshots");
    }

    static Recovered recover(LedgerConfig config) {
        return recover(config, true);
    }

    private static Recovered recover(LedgerConfig config, boolean useSnapshots) {
        long started = System.nanoTime();
        Path journal = journalDirectory(config);
        Path snapshots = snapshotDirectory(config);
        try {
            config.storage().createDirectories(journal);
            config.storage().createDirectories(snapshots);
        } catch (IOException failure) {
            throw new JournalException("cannot create data directories", config.dataDirectory(), 0, 0, failure);
        }
        SnapshotStore.Loaded snapshot = useSnapshots
                ? new SnapshotStore(config.storage(), snapshots).loadNewest(config) : null;
        long loaded = System.nanoTime();
        LedgerState state = snapshot == null
                ? new LedgerState(config) : snapshot.state();
        long snapshotSequence = snapshot == null ? 0 : snapshot.sequence();
        byte[] snapshotHash = snapshot == null ? new byte[JournalFormat.HASH_BYTES] : snapshot.chainHash();
        Replayer replayer = new Replayer(state);
        long[] replayed = {0};
        // The scan starts in the segment that holds the snapshot's own entry, so that its chain hash is always
        // compared, and so that a torn segment begun after the snapshot can be deleted without losing the one before.
        JournalScanner.End end = new JournalScanner(config.storage(), config.entryBytesMax()).scan(journal, snapshotSequence, true,
                new JournalScanner.Visitor() {
                    @Override
                    public void segment(Path segment, long firstSequence, byte[] previousHash) {
                        if (firstSequence == snapshotSequence + 1 && !Arrays.equals(previousHash, snapshotHash)) {
                            throw new JournalException("snapshot does not match the journal's hash chain", segment,
                                    0, snapshotSequence);
                        }
                    }

                    @Override
                    public void entry(Path segment, long offset, byte[] bytes, int length) {
                        long sequence = Bytes.getLong(bytes, JournalFormat.ENTRY_OFFSET_SEQUENCE);
                        if (sequence == snapshotSequence && !Arrays.equals(bytes, JournalFormat.ENTRY_OFFSET_HASH,
                                JournalFormat.ENTRY_OFFSET_HASH + JournalFormat.HASH_BYTES, snapshotHash, 0,
                                JournalFormat.HASH_BYTES)) {
                            throw new JournalException("snapshot does not match the journal's hash chain", segment,
                                    offset, sequence);
                        }
                        if (sequence > snapshotSequence) {
                            replayEntry(replayer, segment, offset, bytes, length, sequence);
                            replayed[0]++;
                        }
                    }
                });
        if (end.lastSequence() < snapshotSequence) {
            throw new JournalException("journal ends before the snapshot lastSequence=" + end.lastSequence(),
                    journal, 0, snapshotSequence);
        }
        // An entry's timestamp can be later than its last event (an idempotent repeat takes a timestamp but journals
        // nothing), and the next entry must be later still.
        state.lastTimestamp = Math.max(state.lastTimestamp, end.lastTimestamp());
        state.checkTotals();
        long replayedAt = System.nanoTime();
        byte[] stateHashBytes = StateEncoding.hash(state);
        long hashed = System.nanoTime();
        if (snapshot != null && replayed[0] == 0 && !Arrays.equals(stateHashBytes, snapshot.stateHash())) {
            // Pair assertion: a snapshot must decode to the state it was written from. Its bytes passed the CRC, so
            // the codec disagrees with itself; the journal alone is trusted instead.
            LOG.log(System.Logger.Level.ERROR, "recovery: snapshot does not decode to its recorded state hash file="
                    + snapshot.file() + "; replaying the whole journal instead");
            return recover(config, false);
        }
        String stateHash = HexFormat.of().formatHex(stateHashBytes);
        RecoveryReport report = new RecoveryReport(snapshotSequence, replayed[0], end.lastSequence(),
                end.bytesTruncated(), stateHash, (System.nanoTime() - started) / 1_000_000);
        LOG.log(System.Logger.Level.INFO, "recovery: snapshotSequence=" + snapshotSequence + " entriesReplayed="
                + replayed[0] + " lastSequence=" + end.lastSequence() + " bytesTruncated=" + end.bytesTruncated()
                + " accounts=" + state.accountCount() + " transfers=" + state.transferCount() + " stateHash="
                + stateHash + " millis=" + report.recoveryMillis() + " (snapshot " + (loaded - started) / 1_000_000
                + ", replay " + (replayedAt - loaded) / 1_000_000 + ", state hash " + (hashed - replayedAt) / 1_000_000
                + ")");
        return new Recovered(state, end, report);
    }

    private static void replayEntry(Replayer replayer, Path segment, long offset, byte[] bytes, int length,
                                    long sequence) {
        try {
            replayer.applyEntry(bytes, length);
        } catch (Check.InvariantViolation | IllegalArgumentException | IllegalStateException invalid) {
            throw new JournalException("journal entry does not replay: " + invalid.getMessage(), segment, offset,
                    sequence, invalid);
        }
    }
}
