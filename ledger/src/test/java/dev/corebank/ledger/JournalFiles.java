package dev.corebank.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** Reads and damages journal files on disk the way crashes and bad disks do, for recovery tests. */
final class JournalFiles {
    /** Where one entry lies: its segment file, byte offset, length and sequence. */
    record Location(Path segment, long offset, int length, long sequence) {
        long end() {
            return offset + length;
        }
    }

    private JournalFiles() {
    }

    static Path journalDirectory(LedgerConfig config) {
        return Recovery.journalDirectory(config);
    }

    static List<Path> segments(LedgerConfig config) {
        return JournalScanner.segments(config.storage(), journalDirectory(config));
    }

    /** Every entry of an intact journal, in order, found by following the length fields. */
    static List<Location> entries(LedgerConfig config) {
        List<Location> entries = new ArrayList<>();
        for (Path segment : segments(config)) {
            byte[] bytes = read(segment);
            int offset = JournalFormat.SEGMENT_HEADER_BYTES;
            while (offset < bytes.length) {
                int length = Bytes.getInt(bytes, offset + JournalFormat.ENTRY_OFFSET_LENGTH);
                long sequence = Bytes.getLong(bytes, offset + JournalFormat.ENTRY_OFFSET_SEQUENCE);
                entries.add(new Location(segment, offset, length, sequence));
                offset += length;
            }
        }
        return entries;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static void truncate(Path file, long length) {
        write(file, Arrays.copyOf(read(file), (int) length));
    }

    static void append(Path file, byte[] tail) {
        byte[] bytes = read(file);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, longer, bytes.length, tail.length);
        write(file, longer);
    }

    static void flipBit(Path file, long offset, int bit) {
        byte[] bytes = read(file);
        bytes[(int) offset] ^= (byte) (1 << bit);
        write(file, bytes);
    }

    /** Sets the bytes [from, to) to zero, as sectors that were never written read. */
    static void zero(Path file, long from, long to) {
        byte[] bytes = read(file);
        Arrays.fill(bytes, (int) from, (int) to, (byte) 0);
        write(file, bytes);
    }

    static void putLong(Path file, long offset, long value) {
        byte[] bytes = read(file);
        Bytes.putLong(bytes, (int) offset, value);
        write(file, bytes);
    }

    static void putInt(Path file, long offset, int value) {
        byte[] bytes = read(file);
        Bytes.putInt(bytes, (int) offset, value);
        write(file, bytes);
    }

    /** Recomputes the entry's checksums (the header CRC of a version 2 entry first, then the entry CRC over it). */
    static void resealCrc(Location entry) {
        byte[] bytes = read(entry.segment());
        CRC32C crc = new CRC32C();
        int start = (int) entry.offset();
        if (JournalFormat.version(bytes, start) == JournalFormat.ENTRY_VERSION) {
            Bytes.putInt(bytes, start + JournalFormat.ENTRY_OFFSET_HEADER_CRC,
                    JournalFormat.headerCrc(bytes, start, crc));
        }
        crc.reset();
        crc.update(bytes, (int) entry.offset() + JournalFormat.ENTRY_CRC_FROM,
                entry.length() - JournalFormat.ENTRY_CRC_FROM);
        Bytes.putInt(bytes, (int) entry.offset() + JournalFormat.ENTRY_OFFSET_CRC, (int) crc.getValue());
        write(entry.segment(), bytes);
    }
}
