package dev.corebank.ledger;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One committed, durable journal entry as readers see it: its place in the journal, its chain hash and the one before
 * it (so a reader can check or cite the chain), who asked for it, and what happened.
 *
 * @param version      the entry format version it was written in (1 entries have no provenance but the trace id)
 * @param hash         the entry's chain hash, 32 bytes
 * @param previousHash the chain hash of the entry before it (zeros before the first), 32 bytes
 * @param valueDate    the business date the entry's postings are booked on; null for entries written before the
 *                     bank set a business date (and for every entry of format versions 1 and 2)
 */
public record JournalEntry(long sequence, long timestamp, int version, Provenance provenance, byte[] hash,
                           byte[] previousHash, List<LedgerEvent> events, java.time.LocalDate valueDate) {
    private static final byte[] NO_HASH = new byte[JournalFormat.HASH_BYTES];

    public JournalEntry {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(events, "events");
        hash = hash == null ? NO_HASH : hash;
        previousHash = previousHash == null ? NO_HASH : previousHash;
    }

    /** An entry as a test or a tool builds it, without a chain. */
    public JournalEntry(long sequence, long timestamp, TraceId traceId, List<LedgerEvent> events) {
        this(sequence, timestamp, JournalFormat.ENTRY_VERSION, Provenance.ofTrace(traceId), null, null, events, null);
    }

    /** An entry without a value date, as entries before business dates were. */
    public JournalEntry(long sequence, long timestamp, int version, Provenance provenance, byte[] hash,
                        byte[] previousHash, List<LedgerEvent> events) {
        this(sequence, timestamp, version, provenance, hash, previousHash, events, null);
    }

    /** The trace id of the request that caused the entry; {@link TraceId#NONE} when there was none. */
    public TraceId traceId() {
        return provenance.traceId();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    /** Entries are equal when every field is, hashes compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JournalEntry entry && entry.sequence == sequence && entry.timestamp == timestamp
                && entry.version == version && entry.provenance.equals(provenance)
                && java.util.Arrays.equals(entry.hash, hash) && java.util.Arrays.equals(entry.previousHash, previousHash)
                && entry.events.equals(events) && java.util.Objects.equals(entry.valueDate, valueDate);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + java.util.Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "JournalEntry[sequence=" + sequence + " timestamp=" + timestamp + " version=" + version + " hash="
                + hashHex() + " valueDate=" + valueDate + " provenance=" + provenance + " events=" + events + "]";
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    public String previousHashHex() {
        return HexFormat.of().formatHex(previousHash);
    }
}
