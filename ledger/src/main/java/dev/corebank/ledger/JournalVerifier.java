package dev.corebank.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Re-reads a whole journal from its first entry, without repairing anything: checks every length, CRC32C, sequence,
 * timestamp and the SHA-256 hash chain, and replays every event into a fresh state. It can stop the replay at a chosen
 * sequence to report the state there (the accounts and the state hash), so the result can be compared with a live
 * engine or a read model that stood at that position, while the integrity checks still run to the journal's end.
 *
 * <p>It opens the segment files read-only, so it can run beside a live engine: it then reads up to whatever is on disk.
 */
public final class JournalVerifier {
    /** Reports progress in bytes, so a tool can draw a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void advanced(long bytesDone, long bytesTotal);

        Progress NONE = (done, total) -> {
        };
    }

    /**
     * The verdict. When {@code ok} is false, {@code problem}, {@code file}, {@code offset} and {@code sequence} say
     * where the journal stopped being trustworthy. {@code stateHashHex} and {@code accounts} describe the state at
     * {@code statePosition} (the requested sequence, or the last verified one if the journal is shorter).
     */
    public record Report(boolean ok, long entries, long lastSequence, long bytes, long statePosition,
                         String stateHashHex, List<Account> accounts, String problem, Path file, long offset,
                         long sequence) {
    }

    private final LedgerConfig config;

    public JournalVerifier(LedgerConfig config) {
        config.validate();
        this.config = config;
    }

    /** Verifies the whole journal and reports the state after its last entry. */
    public Report verify(Progress progress) {
        return verifyUpTo(Long.MAX_VALUE, progress);
    }

    /**
     * Sees every verified entry's sequence, chain hash and provenance, in order, so a caller can hold what it derived
     * from the journal (an audit trail) against the chain.
     */
    public interface EntryVisitor {
        void entry(long sequence, byte[] hash, Provenance provenance);

        EntryVisitor NONE = (sequence, hash, provenance) -> {
        };
    }

    /** Verifies the whole journal and reports the state as of {@code stateSequence}. */
    public Report verifyUpTo(long stateSequence, Progress progress) {
        return verifyUpTo(stateSequence, progress, EntryVisitor.NONE);
    }

    /** As {@link #verifyUpTo(long, Progress)}, showing every verified entry to {@code visitor}. */
    public Report verifyUpTo(long stateSequence, Progress progress, EntryVisitor visitor) {
        Path journal = Recovery.journalDirectory(config);
        List<Path> segments = JournalScanner.segments(config.storage(), journal);
        long total = totalBytes(config.storage(), segments);
        LedgerState state = new LedgerState(config);
        Replayer replayer = new Replayer(state);
        Counter counter = new Counter(config.storage(), segments, total, progress, stateSequence, state);
        try {
            JournalScanner.End end = new JournalScanner(config.storage(), config.entryBytesMax()).scan(journal, 1, false,
                    new JournalScanner.Visitor() {
                        @Override
                        public void entry(Path segment, long offset, byte[] bytes, int length) {
                            long sequence = Bytes.getLong(bytes, JournalFormat.ENTRY_OFFSET_SEQUENCE);
                            if (sequence <= stateSequence) {
                                try {
                                    replayer.applyEntry(bytes, length);
                                } catch (RuntimeException invalid) {
                                    throw new JournalException("journal entry does not replay: "
                                            + invalid.getMessage(), segment, offset, sequence, invalid);
                                }
                            }
                            counter.entry(segment, offset + length, sequence);
                            if (visitor != EntryVisitor.NONE) {
                                visitor.entry(sequence, java.util.Arrays.copyOfRange(bytes,
                                        JournalFormat.ENTRY_OFFSET_HASH, JournalFormat.ENTRY_OFFSET_HASH
                                                + JournalFormat.HASH_BYTES), provenance(bytes));
                            }
                        }
                    });
            counter.captureIfNotYet();
            progress.advanced(total, total);
            return new Report(true, end.entriesVisited(), end.lastSequence(), total, counter.statePosition,
                    counter.stateHash, counter.accounts, null, null, 0, 0);
        } catch (JournalException broken) {
            counter.captureIfNotYet();
            return new Report(false, counter.entries, counter.lastSequence, total, counter.statePosition,
                    counter.stateHash, counter.accounts, broken.getMessage(), broken.file(), broken.offset(),
                    broken.sequence());
        }
    }

    private static Provenance provenance(byte[] bytes) {
        TraceId traceId = new TraceId(Bytes.getLong(bytes, JournalFormat.ENTRY_OFFSET_TRACE_ID),
                Bytes.getLong(bytes, JournalFormat.ENTRY_OFFSET_TRACE_ID + 8));
        return ProvenanceCodec.read(bytes, JournalFormat.headerBytes(JournalFormat.version(bytes, 0)),
                JournalFormat.provenanceLength(bytes, 0), traceId);
    }

    private static long totalBytes(Storage storage, List<Path> segments) {
        long total = 0;
        for (Path segment : segments) {
            try {
                total += storage.size(segment);
            } catch (IOException unreadable) {
                throw new JournalException("cannot read journal segment size", segment, 0, 0, unreadable);
            }
        }
        return total;
    }

    /** Tracks progress and captures the state once the replay reaches the requested sequence. */
    private static final class Counter {
        private final List<Path> segments;
        private final long total;
        private final Progress progress;
        private final long stateSequence;
        private final LedgerState state;
        private final long[] bytesBefore;
        long entries;
        long lastSequence;
        long statePosition = -1;
        String stateHash;
        List<Account> accounts;

        Counter(Storage storage, List<Path> segments, long total, Progress progress, long stateSequence,
                LedgerState state) {
            this.segments = segments;
            this.total = total;
            this.progress = progress;
            this.stateSequence = stateSequence;
            this.state = state;
            this.bytesBefore = new long[segments.size()];
            long sum = 0;
            for (int index = 0; index < segments.size(); index++) {
                bytesBefore[index] = sum;
                try {
                    sum += storage.size(segments.get(index));
                } catch (IOException unreadable) {
                    throw new JournalException("cannot read journal segment size", segments.get(index), 0, 0,
                            unreadable);
                }
            }
        }

        void entry(Path segment, long endOffset, long sequence) {
            entries++;
            lastSequence = sequence;
            if (sequence == stateSequence) {
                capture();
            }
            if ((entries & 1023) == 0) {
                progress.advanced(bytesBefore[segments.indexOf(segment)] + endOffset, total);
            }
        }

        void captureIfNotYet() {
            if (statePosition < 0) {
                capture();
            }
        }

        private void capture() {
            statePosition = Math.min(lastSequence, stateSequence);
            stateHash = HexFormat.of().formatHex(StateEncoding.hash(state));
            accounts = new ArrayList<>(state.accountCount());
            for (int slot = 0; slot < state.accountCount(); slot++) {
                accounts.add(state.account(slot).toAccount());
            }
        }
    }
}
