package dev.corebank.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An account's descriptive data (name, customer id, language, ...) as opaque bytes. The engine does not read them: it
 * journals them with the account, keeps the current ones in its state so that lookups and snapshots have them, and
 * compares them byte for byte to tell a repeated open from a different one. The server decides the encoding, and
 * encrypts personal data before it gets here (see docs/ledger.md, "Personal data").
 */
public final class Profile {
    /** A profile's size limit, so that an account event stays small and a batch of them fits one entry. */
    public static final int BYTES_MAX = 1024;
    public static final Profile EMPTY = new Profile(new byte[0]);

    private final byte[] bytes;

    private Profile(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Profile of(byte[] bytes) {
        if (bytes.length > BYTES_MAX) {
            throw new IllegalArgumentException("profile too large bytes=" + bytes.length + " bytesMax=" + BYTES_MAX);
        }
        return bytes.length == 0 ? EMPTY : new Profile(bytes.clone());
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    int copyTo(byte[] buffer, int offset) {
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        return offset + bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Profile profile && Arrays.equals(bytes, profile.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Profile[bytes=" + bytes.length + (bytes.length == 0 ? "" : " sha=" + HexFormat.of().formatHex(
                JournalWriter.sha256().digest(bytes), 0, 4)) + "]";
    }
}
