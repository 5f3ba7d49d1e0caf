package dev.corebank.ledger;

import java.io.DataInputStream;
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
            position = EventCodec.writeTransfer(chunk, position, ResultCode.OK, state.transfer(slot),
                    state.amountRequested(slot));
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

    /** Reads {@code accounts} accounts and {@code transfers} transfers into an empty state. */
    static void read(DataInputStream in, long accounts, long transfers, LedgerState state) throws IOException {
        byte[] record = new byte[Math.max(EventCodec.EVENT_BYTES_MAX + 5, Profile.BYTES_MAX)];
        in.readFully(record, 0, BUSINESS_DATE_BYTES);
        state.businessDay = Bytes.getInt(record, 0);
        state.closingDay = Bytes.getInt(record, 4);
        for (long index = 0; index < accounts; index++) {
            in.readFully(record, 0, ACCOUNT_BYTES);
            Account account = readAccount(record);
            long overdraftLimit = Bytes.getLong(record, 65);
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
            if (length > Profile.BYTES_MAX) {
                throw new IOException("snapshot profile too large bytes=" + length + " account=" + account.id());
            }
            in.readFully(record, 0, length);
            state.restoreAccount(account, Profile.of(java.util.Arrays.copyOf(record, length)), overdraftLimit);
        }
        for (long index = 0; index < transfers; index++) {
            int length = readTransferRecord(in, record);
            EventCodec.Decoder decoder = new EventCodec.Decoder(record, 0, length, EventCodec.FORMAT_VERSION);
            LedgerEvent event = decoder.next();
            Transfer transfer = switch (event) {
                case LedgerEvent.TransferPosted posted -> posted.transfer();
                case LedgerEvent.TransferPending pending -> pending.transfer();
                case LedgerEvent.PendingPosted posted -> posted.transfer();
                case LedgerEvent.PendingVoided voided -> voided.transfer();
                default -> throw new IOException("snapshot holds a non-transfer record at transfer index=" + index);
            };
            state.restoreTransfer(transfer, decoder.amountRequested, PendingStatus.ofNumber(record[length]),
                    Bytes.getInt(record, length + 1));
        }
    }

    private static Account readAccount(byte[] record) {
        UUID id = new UUID(Bytes.getLong(record, 0), Bytes.getLong(record, 8));
        return new Account(id, Bytes.getUnsignedShort(record, 16), AccountType.ofNumber(record[18]),
                Bytes.getInt(record, 19), Bytes.getUnsignedShort(record, 23), Bytes.getLong(record, 33),
                Bytes.getLong(record, 41), Bytes.getLong(record, 49), Bytes.getLong(record, 57),
                Bytes.getLong(record, 25));
    }

    /**
     * Reads one transfer record: the fixed part first, then the optional fields its presence byte announces, then the
     * status byte and the value day. Returns the length of the event part.
     */
    private static int readTransferRecord(DataInputStream in, byte[] record) throws IOException {
        int fixed = 1 + 1 + 16 * 3 + 28;
        in.readFully(record, 0, fixed);
        int presence = record[1];
        int length = fixed;
        if ((presence & 1) != 0) {
            in.readFully(record, length, 16);
            length += 16;
        }
        if ((presence & 2) != 0) {
            in.readFully(record, length, 8);
            length += 8;
        }
        if ((presence & 4) != 0) {
            in.readFully(record, length, 1);
            int referenceLength = record[length] & 0xFF;
            length += 1;
            in.readFully(record, length, referenceLength);
            length += referenceLength;
        }
        in.readFully(record, length, 5);
        return length;
    }
}
