package dev.corebank.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The canonical encoding of the whole ledger state: every account in the order it was opened, then every transfer in
 * the order it was applied, each with its pending status. It depends on nothing but the state (no hash-map order, no
 * wall clock), so its SHA-256 is the <b>state hash</b>: two engines with the same history have the same hash.
 *
 * <pre>
 * business date (8):  current day i32 | closing day i32   (epoch days, 0 for none)
 * account (73 bytes): id 16 | ledger u16 | type u8 | code i32 | flags u16 | timestamp i64 |
 *                     debitsPending i64 | debitsPosted i64 | creditsPending i64 | creditsPosted i64 |
 *                     overdraft limit i64
 *                     profile length u16 | profile bytes
 * transfer:           the EventCodec transfer event (tag 3 to 6) | pending status u8 | value day i32
 * </pre>
 */
final class StateEncoding {
    static final int ACCOUNT_BYTES = 73;
    static final int BUSINESS_DATE_BYTES = 8;
    private static final int CHUNK_BYTES = 1 << 16;

    private StateEncoding() {
    }

    /** Writes the canonical encoding to the stream in chunks. */
    static void write(LedgerState state, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        Bytes.putInt(chunk, 0, state.businessDay);
        Bytes.putInt(chunk, 4, state.closingDay);
        int position = BUSINESS_DATE_BYTES;
        for (int slot = 0; slot < state.accountCount(); slot++) {
            if (position + ACCOUNT_BYTES + 2 + Profile.BYTES_MAX > CHUNK_BYTES) {
                out.write(chunk, 0, position);
                position = 0;
            }
            AccountRow row = state.account(slot);
            position = EventCodec.writeProfile(chunk, writeAccount(chunk, position, row), row.profile);
        }
        for (int slot = 0; slot < state.transferCount(); slot++) {
            if (position + EventCodec.EVENT_BYTES_MAX + 5 > CHUNK_BYTES) {
                out.write(chunk, 0, position);
                position = 0;
            }
            position = state.encodeTransfer(slot, chunk, position);
            chunk[position++] = (byte) state.pendingStatus(slot).number();
            Bytes.putInt(chunk, position, state.valueDay(slot));
            position += 4;
        }
        out.write(chunk, 0, position);
    }

    /** The SHA-256 of the canonical encoding. */
    static byte[] hash(LedgerState state) {
        MessageDigest sha256 = JournalWriter.sha256();
        try {
            write(state, new OutputStream() {
                @Override
                public void write(int oneByte) {
                    sha256.update((byte) oneByte);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    sha256.update(bytes, offset, length);
                }
            });
        } catch (IOException impossible) {
            throw new IllegalStateException("hashing in memory cannot fail", impossible);
        }
        return sha256.digest();
    }

    private static int writeAccount(byte[] chunk, int position, AccountRow row) {
        Bytes.putLong(chunk, position, row.id.getMostSignificantBits());
        Bytes.putLong(chunk, position + 8, row.id.getLeastSignificantBits());
        Bytes.putShort(chunk, position + 16, row.ledger);
        chunk[position + 18] = (byte) row.type.number();
        Bytes.putInt(chunk, position + 19, row.code);
        Bytes.putShort(chunk, position + 23, row.flags);
        Bytes.putLong(chunk, position + 25, row.timestamp);
        Bytes.putLong(chunk, position + 33, row.debitsPending);
        Bytes.putLong(chunk, position + 41, row.debitsPosted);
        Bytes.putLong(chunk, position + 49, row.creditsPending);
        Bytes.putLong(chunk, position + 57, row.creditsPosted);
        Bytes.putLong(chunk, position + 65, row.overdraftLimit);
        return position + ACCOUNT_BYTES;
    }

    /**
     * Reads {@code accounts} accounts and {@code transfers} transfers into an empty state, decoding each record in
     * place in the input's buffer.
     */
    static void read(SnapshotInput in, long accounts, long transfers, LedgerState state) throws IOException {
        in.require(BUSINESS_DATE_BYTES);
        state.businessDay = Bytes.getInt(in.buffer, in.position);
        state.closingDay = Bytes.getInt(in.buffer, in.position + 4);
        in.position += BUSINESS_DATE_BYTES;
        for (long index = 0; index < accounts; index++) {
            in.require(ACCOUNT_BYTES + 2);
            Account account = readAccount(in.buffer, in.position);
            long overdraftLimit = Bytes.getLong(in.buffer, in.position + 65);
            int length = Bytes.getUnsignedShort(in.buffer, in.position + ACCOUNT_BYTES);
            in.position += ACCOUNT_BYTES + 2;
            if (length > Profile.BYTES_MAX) {
                throw new IOException("snapshot profile too large bytes=" + length + " account=" + account.id());
            }
            state.restoreAccount(account, Profile.of(in.take(length)), overdraftLimit);
        }
        int recordMax = EventCodec.EVENT_BYTES_MAX + 5;
        EventCodec.TransferFields fields = new EventCodec.TransferFields();
        for (long index = 0; index < transfers; index++) {
            // The last record is followed by the state hash and the CRC, so fewer bytes than a record's most may remain.
            in.requireUpTo(recordMax);
            int end = EventCodec.decodeAppliedTransfer(in.buffer, in.position, fields);
            if (end < 0) {
                throw new IOException("snapshot holds a non-transfer record at transfer index=" + index);
            }
            if (end + 5 > in.limit) {
                throw new IOException("snapshot ends inside a transfer record at transfer index=" + index);
            }
            state.restoreTransfer(fields, PendingStatus.ofNumber(in.buffer[end]), Bytes.getInt(in.buffer, end + 1));
            in.position = end + 5;
        }
        state.indexRestoredIds();
    }

    private static Account readAccount(byte[] record, int at) {
        UUID id = new UUID(Bytes.getLong(record, at), Bytes.getLong(record, at + 8));
        return new Account(id, Bytes.getUnsignedShort(record, at + 16), AccountType.ofNumber(record[at + 18]),
                Bytes.getInt(record, at + 19), Bytes.getUnsignedShort(record, at + 23), Bytes.getLong(record, at + 33),
                Bytes.getLong(record, at + 41), Bytes.getLong(record, at + 49), Bytes.getLong(record, at + 57),
                Bytes.getLong(record, at + 25));
    }
}
