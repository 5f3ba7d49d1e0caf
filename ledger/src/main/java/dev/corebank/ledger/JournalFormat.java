package dev.corebank.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The on-disk layout of the journal. The journal is a directory of segment files named by the sequence number of
 * their first entry ({@code 00000000000000000001.journal}); each starts with a segment header and holds whole entries
 * back to back. All integers are little-endian.
 *
 * <pre>
 * segment header (64 bytes)
 *  0      8   magic "CBJOURNL"
 *  8      4   format version (1)
 * 12      4   reserved, zero
 * 16      8   sequence number of the first entry in this segment
 * 24     32   chain hash of the entry before it (zeros for the journal's first segment)
 * 56      4   CRC32C of bytes [0, 56)
 * 60      4   reserved, zero
 *
 * entry, format version 3 (written now): an 88-byte header, the provenance, then the events
 *  0      4   length of the whole entry in bytes
 *  4      4   CRC32C of bytes [8, length)
 *  8     32   chain hash: SHA-256(chain hash of the previous entry ‖ bytes [40, length))
 * 40      8   sequence number, contiguous from 1
 * 48      8   engine timestamp (nanoseconds since the epoch), strictly increasing
 * 56     16   trace id of the request that caused the entry (zeros for none)
 * 72      2   entry format version (3; see EventCodec for the events)
 * 74      2   provenance length p in bytes
 * 76      4   event count
 * 80      4   header CRC32C of bytes [0, 4) ‖ [40, 80): covers the length field, which the CRC at 4 does not
 * 84      4   value date: the business date (epoch day) the entry's postings are booked on; 0 when none was set
 * 88      p   provenance: who asked and from where (see ProvenanceCodec)
 * 88+p  ...   events, encoded by EventCodec
 *
 * entry, format version 2 (written before business dates; still read): as version 3, with bytes [84, 88) reserved
 * and zero, so its postings have no value date
 *
 * entry, format version 1 (written before provenance; still read): an 80-byte header, then the events
 *  0 .. 72    as above
 * 72      2   entry format version (1)
 * 74      2   reserved, zero
 * 76      4   event count
 * 80   ...    events
 * </pre>
 *
 * <p>The version sits at the same offset in every version, so a reader knows how to read an entry before it reads
 * the rest. The CRCs find torn and corrupted bytes cheaply; the header CRC lets a reader trust the length before it
 * uses it; the chain hash makes the journal tamper-evident, because changing or removing any entry changes every later
 * hash.
 */
final class JournalFormat {
    static final byte[] SEGMENT_MAGIC = "CBJOURNL".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT_VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 64;
    static final int SEGMENT_OFFSET_VERSION = 8;
    static final int SEGMENT_OFFSET_FIRST_SEQUENCE = 16;
    static final int SEGMENT_OFFSET_PREVIOUS_HASH = 24;
    static final int SEGMENT_OFFSET_CRC = 56;

    /** The header of the current format; the smallest possible entry of any version is {@link #ENTRY_HEADER_BYTES_V1}. */
    static final int ENTRY_HEADER_BYTES = 88;
    static final int ENTRY_HEADER_BYTES_V1 = 80;
    static final int ENTRY_VERSION_V1 = 1;
    static final int ENTRY_VERSION_V2 = 2;
    static final int ENTRY_VERSION = 3;
    static final int ENTRY_OFFSET_LENGTH = 0;
    static final int ENTRY_OFFSET_CRC = 4;
    static final int ENTRY_OFFSET_HASH = 8;
    static final int ENTRY_OFFSET_SEQUENCE = 40;
    static final int ENTRY_OFFSET_TIMESTAMP = 48;
    static final int ENTRY_OFFSET_TRACE_ID = 56;
    static final int ENTRY_OFFSET_VERSION = 72;
    static final int ENTRY_OFFSET_PROVENANCE_LENGTH = 74;
    static final int ENTRY_OFFSET_EVENT_COUNT = 76;
    static final int ENTRY_OFFSET_HEADER_CRC = 80;
    static final int ENTRY_OFFSET_VALUE_DAY = 84;
    /** The CRC covers everything after the length and the CRC itself. */
    static final int ENTRY_CRC_FROM = 8;
    /** The chain hash covers everything after itself. */
    static final int ENTRY_HASHED_FROM = 40;

    static final int HASH_BYTES = 32;
    static final String SEGMENT_SUFFIX = ".journal";

    private JournalFormat() {
    }

    /** The entry format version of the entry at {@code start}; the caller checks it with {@link #checkVersion}. */
    static int version(byte[] bytes, int start) {
        return Bytes.getUnsignedShort(bytes, start + ENTRY_OFFSET_VERSION);
    }

    static boolean knownVersion(int version) {
        return version >= ENTRY_VERSION_V1 && version <= ENTRY_VERSION;
    }

    /** True for the versions whose 88-byte header has its own CRC (2 and later). */
    static boolean hasHeaderCrc(int version) {
        return version >= ENTRY_VERSION_V2 && version <= ENTRY_VERSION;
    }

    /** The value date (epoch day) of the entry at {@code start}; {@link BusinessDate#NONE} before version 3. */
    static int valueDay(byte[] bytes, int start) {
        return version(bytes, start) >= ENTRY_VERSION ? Bytes.getInt(bytes, start + ENTRY_OFFSET_VALUE_DAY)
                : BusinessDate.NONE;
    }

    /** The header bytes of an entry of this version. */
    static int headerBytes(int version) {
        return version == ENTRY_VERSION_V1 ? ENTRY_HEADER_BYTES_V1 : ENTRY_HEADER_BYTES;
    }

    /** The provenance length of the entry at {@code start}: zero for a version 1 entry, which has none. */
    static int provenanceLength(byte[] bytes, int start) {
        return version(bytes, start) == ENTRY_VERSION_V1 ? 0
                : Bytes.getUnsignedShort(bytes, start + ENTRY_OFFSET_PROVENANCE_LENGTH);
    }

    /** Where the events of the entry at {@code start} begin, relative to the buffer. */
    static int eventsOffset(byte[] bytes, int start) {
        int version = version(bytes, start);
        return start + headerBytes(version) + provenanceLength(bytes, start);
    }

    /** The header CRC of a version 2 or 3 entry at {@code start}: bytes [0, 4) and [40, 80) of the entry. */
    static int headerCrc(byte[] bytes, int start, java.util.zip.CRC32C crc) {
        crc.reset();
        crc.update(bytes, start, 4);
        crc.update(bytes, start + ENTRY_HASHED_FROM, ENTRY_OFFSET_HEADER_CRC - ENTRY_HASHED_FROM);
        return (int) crc.getValue();
    }

    static boolean headerCrcMatches(byte[] bytes, int start, java.util.zip.CRC32C crc) {
        return headerCrc(bytes, start, crc) == Bytes.getInt(bytes, start + ENTRY_OFFSET_HEADER_CRC);
    }

    static String segmentName(long firstSequence) {
        return String.format("%020d%s", firstSequence, SEGMENT_SUFFIX);
    }

    /** The first sequence a segment file's name announces, or -1 when the name is not a segment's. */
    static long firstSequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        if (!name.endsWith(SEGMENT_SUFFIX) || name.length() != 20 + SEGMENT_SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
