package dev.corebank.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The versioned binary encoding of {@link LedgerEvent}s inside a journal entry. All integers are little-endian; ids
 * are 16 bytes (most significant long, then least significant long). Version 2 added the profile to account events
 * and tags 11 to 13; version 3 (written now) adds tags 14 to 17 (business date and overdraft limits). Entries of
 * versions 1 and 2, written before, still decode. Days are epoch days, 0 for none (see {@link BusinessDate}).
 *
 * <pre>
 * every event starts with a one-byte tag:
 *   1 AccountOpened          id 16 | ledger u16 | type u8 | code i32 | flags u16 | timestamp i64 (= 34 in v1)
 *                            v2 adds: profile length u16 | profile bytes
 *   2 AccountFlagsChanged    id 16 | operation u8 | flags u16 | timestamp i64                              = 28
 *   3 TransferPosted    \
 *   4 TransferPending    |   transfer body (below)
 *   5 PendingPosted      |
 *   6 PendingVoided     /
 *   7 PendingExpired         pendingId 16 | debit 16 | credit 16 | ledger u16 | amount i64 | timestamp i64   = 67
 *   8 TransferRejected       result u8 | transfer body
 *   9 AccountRejected        result u8 | AccountOpened body
 *  10 AccountChangeRejected  id 16 | operation u8 | result u8 | timestamp i64                              = 27
 *  11 ProfileChanged         id 16 | timestamp i64 | profile length u16 | profile bytes                  (v2)
 *  12 ProfileChangeRejected  id 16 | result u8 | timestamp i64                                          (v2) = 26
 *  13 FactRecorded           kind u16 | timestamp i64 | body length u16 | body bytes                   (v2)
 *
 * transfer body:
 *   presence u8 (bit 0 pendingId, bit 1 amountRequested differs from amount, bit 2 reference)
 *   id 16 | debit 16 | credit 16 | amount i64 | ledger u16 | code i32 | flags u16 | timeoutSeconds i32 | timestamp i64
 *   [pendingId 16] [amountRequested i64] [reference length u8 | reference UTF-8 bytes]
 * </pre>
 */
final class EventCodec {
    /** The version this code writes; every version up to it is read. */
    static final int FORMAT_VERSION = 3;
    static final int FORMAT_VERSION_PROFILES = 2;
    static final int FORMAT_VERSION_BUSINESS_DATE = 3;

    static final int TAG_ACCOUNT_OPENED = 1;
    static final int TAG_ACCOUNT_FLAGS_CHANGED = 2;
    static final int TAG_TRANSFER_POSTED = 3;
    static final int TAG_TRANSFER_PENDING = 4;
    static final int TAG_PENDING_POSTED = 5;
    static final int TAG_PENDING_VOIDED = 6;
    static final int TAG_PENDING_EXPIRED = 7;
    static final int TAG_TRANSFER_REJECTED = 8;
    static final int TAG_ACCOUNT_REJECTED = 9;
    static final int TAG_ACCOUNT_CHANGE_REJECTED = 10;
    static final int TAG_PROFILE_CHANGED = 11;
    static final int TAG_PROFILE_CHANGE_REJECTED = 12;
    static final int TAG_FACT_RECORDED = 13;
    static final int TAG_BUSINESS_DATE_CHANGED = 14;
    static final int TAG_BUSINESS_DATE_REJECTED = 15;
    static final int TAG_OVERDRAFT_LIMIT_CHANGED = 16;
    static final int TAG_OVERDRAFT_LIMIT_REJECTED = 17;

    private static final int PRESENT_PENDING_ID = 1;
    private static final int PRESENT_AMOUNT_REQUESTED = 1 << 1;
    private static final int PRESENT_REFERENCE = 1 << 2;

    /** The largest encoding of any one event: a rejected transfer with every optional field. */
    static final int EVENT_BYTES_MAX = 1 + 1 + 1 + 16 * 3 + 8 + 2 + 4 + 2 + 4 + 8 + 16 + 8 + 1
            + Transfer.REFERENCE_BYTES_MAX;

    /** An account event without its profile bytes: tag, result, the account fields, the profile length. */
    static final int ACCOUNT_EVENT_BYTES_FIXED = 1 + 1 + 33 + 2;
    static final int ACCOUNT_CHANGE_EVENT_BYTES_MAX = 1 + 16 + 1 + 2 + 8;
    static final int PROFILE_EVENT_BYTES_FIXED = 1 + 16 + 1 + 8 + 2;
    static final int FACT_EVENT_BYTES_FIXED = 1 + 2 + 8 + 2;
    static final int BUSINESS_DATE_EVENT_BYTES_MAX = 1 + 1 + 4 + 4 + 8;
    static final int OVERDRAFT_EVENT_BYTES_MAX = 1 + 16 + 1 + 8 + 8;

    private EventCodec() {
    }

    static int transferTag(int flags) {
        if ((flags & TransferFlags.PENDING) != 0) {
            return TAG_TRANSFER_PENDING;
        }
        if ((flags & TransferFlags.POST_PENDING) != 0) {
            return TAG_PENDING_POSTED;
        }
        if ((flags & TransferFlags.VOID_PENDING) != 0) {
            return TAG_PENDING_VOIDED;
        }
        return TAG_TRANSFER_POSTED;
    }

    // ---- encoding: each method writes at offset and returns the offset after the event ----

    static int writeAccount(byte[] buffer, int offset, int tag, ResultCode result, Account account, long timestamp,
                            Profile profile) {
        buffer[offset++] = (byte) tag;
        if (tag == TAG_ACCOUNT_REJECTED) {
            buffer[offset++] = (byte) result.number();
        }
        offset = writeAccountFields(buffer, offset, account, timestamp);
        return writeProfile(buffer, offset, profile);
    }

    /** The account fields shared by events and snapshots: 33 bytes. */
    static int writeAccountFields(byte[] buffer, int offset, Account account, long timestamp) {
        offset = writeId(buffer, offset, account.id());
        Bytes.putShort(buffer, offset, account.ledger());
        buffer[offset + 2] = (byte) account.type().number();
        Bytes.putInt(buffer, offset + 3, account.code());
        Bytes.putShort(buffer, offset + 7, account.flags());
        Bytes.putLong(buffer, offset + 9, timestamp);
        return offset + 17;
    }

    static int writeProfile(byte[] buffer, int offset, Profile profile) {
        Bytes.putShort(buffer, offset, profile.length());
        return profile.copyTo(buffer, offset + 2);
    }

    static int writeProfileChange(byte[] buffer, int offset, ResultCode result, UUID accountId, Profile profile,
                                  long timestamp) {
        boolean rejected = result != ResultCode.OK;
        buffer[offset++] = (byte) (rejected ? TAG_PROFILE_CHANGE_REJECTED : TAG_PROFILE_CHANGED);
        offset = writeId(buffer, offset, accountId);
        if (rejected) {
            buffer[offset++] = (byte) result.number();
        }
        Bytes.putLong(buffer, offset, timestamp);
        offset += 8;
        return rejected ? offset : writeProfile(buffer, offset, profile);
    }

    static int writeFact(byte[] buffer, int offset, Fact fact, long timestamp) {
        buffer[offset++] = (byte) TAG_FACT_RECORDED;
        Bytes.putShort(buffer, offset, fact.kind());
        Bytes.putLong(buffer, offset + 2, timestamp);
        byte[] body = fact.body();
        Bytes.putShort(buffer, offset + 10, body.length);
        System.arraycopy(body, 0, buffer, offset + 12, body.length);
        return offset + 12 + body.length;
    }

    static int writeBusinessDate(byte[] buffer, int offset, ResultCode result, int currentDay, int closingDay,
                                 long timestamp) {
        boolean rejected = result != ResultCode.OK;
        buffer[offset++] = (byte) (rejected ? TAG_BUSINESS_DATE_REJECTED : TAG_BUSINESS_DATE_CHANGED);
        if (rejected) {
            buffer[offset++] = (byte) result.number();
        }
        Bytes.putInt(buffer, offset, currentDay);
        Bytes.putInt(buffer, offset + 4, closingDay);
        Bytes.putLong(buffer, offset + 8, timestamp);
        return offset + 16;
    }

    static int writeOverdraftLimit(byte[] buffer, int offset, ResultCode result, UUID accountId, long limitMinor,
                                   long timestamp) {
        boolean rejected = result != ResultCode.OK;
        buffer[offset++] = (byte) (rejected ? TAG_OVERDRAFT_LIMIT_REJECTED : TAG_OVERDRAFT_LIMIT_CHANGED);
        offset = writeId(buffer, offset, accountId);
        if (rejected) {
            buffer[offset++] = (byte) result.number();
        }
        Bytes.putLong(buffer, offset, limitMinor);
        Bytes.putLong(buffer, offset + 8, timestamp);
        return offset + 16;
    }

    static int writeAccountChange(byte[] buffer, int offset, AccountOperation operation, int flags,
                                  ResultCode result, UUID accountId, long timestamp) {
        boolean rejected = result != ResultCode.OK;
        buffer[offset++] = (byte) (rejected ? TAG_ACCOUNT_CHANGE_REJECTED : TAG_ACCOUNT_FLAGS_CHANGED);
        offset = writeId(buffer, offset, accountId);
        buffer[offset++] = (byte) operation.number();
        if (rejected) {
            buffer[offset++] = (byte) result.number();
        } else {
            Bytes.putShort(buffer, offset, flags);
            offset += 2;
        }
        Bytes.putLong(buffer, offset, timestamp);
        return offset + 8;
    }

    /** Writes an applied transfer (tags 3 to 6) or, with a non-OK result, a rejected attempt (tag 8). */
    static int writeTransfer(byte[] buffer, int offset, ResultCode result, Transfer transfer, long amountRequested) {
        return writeTransfer(buffer, offset, result, transfer, transfer.debitAccountId(), transfer.creditAccountId(),
                transfer.ledger(), transfer.amount(), transfer.timestamp(), amountRequested);
    }

    /**
     * Writes a transfer with the outcome fields the engine decided (accounts and ledger resolved from a pending
     * transfer, the amount actually moved, the timestamp), without building a new {@link Transfer} for them.
     */
    static int writeTransfer(byte[] buffer, int offset, ResultCode result, Transfer transfer, UUID debitAccountId,
                             UUID creditAccountId, int ledger, long amount, long timestamp, long amountRequested) {
        if (result == ResultCode.OK) {
            buffer[offset++] = (byte) transferTag(transfer.flags());
        } else {
            buffer[offset++] = (byte) TAG_TRANSFER_REJECTED;
            buffer[offset++] = (byte) result.number();
        }
        UUID pendingId = transfer.pendingId();
        return writeTransferBody(buffer, offset, transfer.id().getMostSignificantBits(),
                transfer.id().getLeastSignificantBits(), debitAccountId, creditAccountId, ledger, amount,
                transfer.code(), transfer.flags(), transfer.timeoutSeconds(), timestamp,
                pendingId.getMostSignificantBits(), pendingId.getLeastSignificantBits(), amountRequested,
                transfer.reference());
    }

    /**
     * Writes a transfer event's fields after its tag, from the values themselves: the journal writes them from a
     * {@link Transfer}, a snapshot and the state hash from the state's columns, without building one.
     */
    static int writeTransferBody(byte[] buffer, int offset, long idHigh, long idLow, UUID debitAccountId,
                                 UUID creditAccountId, int ledger, long amount, int code, int flags,
                                 int timeoutSeconds, long timestamp, long pendingHigh, long pendingLow,
                                 long amountRequested, String reference) {
        boolean hasPendingId = pendingHigh != 0 || pendingLow != 0;
        boolean hasAmountRequested = amountRequested != amount;
        boolean hasReference = !reference.isEmpty();
        buffer[offset++] = (byte) ((hasPendingId ? PRESENT_PENDING_ID : 0)
                | (hasAmountRequested ? PRESENT_AMOUNT_REQUESTED : 0) | (hasReference ? PRESENT_REFERENCE : 0));
        Bytes.putLong(buffer, offset, idHigh);
        Bytes.putLong(buffer, offset + 8, idLow);
        offset = writeId(buffer, offset + 16, debitAccountId);
        offset = writeId(buffer, offset, creditAccountId);
        Bytes.putLong(buffer, offset, amount);
        Bytes.putShort(buffer, offset + 8, ledger);
        Bytes.putInt(buffer, offset + 10, code);
        Bytes.putShort(buffer, offset + 14, flags);
        Bytes.putInt(buffer, offset + 16, timeoutSeconds);
        Bytes.putLong(buffer, offset + 20, timestamp);
        offset += 28;
        if (hasPendingId) {
            Bytes.putLong(buffer, offset, pendingHigh);
            Bytes.putLong(buffer, offset + 8, pendingLow);
            offset += 16;
        }
        if (hasAmountRequested) {
            Bytes.putLong(buffer, offset, amountRequested);
            offset += 8;
        }
        if (hasReference) {
            int lengthAt = offset++;
            offset = Utf8.encode(reference, buffer, offset);
            buffer[lengthAt] = (byte) (offset - lengthAt - 1);
        }
        return offset;
    }

    /**
     * The fields of an applied transfer event, decoded in place by {@link #decodeAppliedTransfer} into one reusable
     * holder: restoring millions of transfers from a snapshot then builds no objects per transfer.
     */
    static final class TransferFields {
        long idHigh;
        long idLow;
        long debitHigh;
        long debitLow;
        long creditHigh;
        long creditLow;
        long amount;
        long amountRequested;
        int ledger;
        int code;
        int flags;
        int timeoutSeconds;
        long timestamp;
        long pendingHigh;
        long pendingLow;
        String reference;
    }

    /**
     * Decodes the applied transfer event (tags 3 to 6, as {@link #writeTransfer} writes them) at {@code offset} into
     * {@code into}; returns the offset after it, or -1 when the byte at {@code offset} is not such a tag.
     */
    static int decodeAppliedTransfer(byte[] buffer, int offset, TransferFields into) {
        int tag = buffer[offset];
        if (tag < TAG_TRANSFER_POSTED || tag > TAG_PENDING_VOIDED) {
            return -1;
        }
        return decodeTransferBody(buffer, offset + 1, into);
    }

    /**
     * Decodes a transfer event's fields after its tag (and, for a refusal, its result), as {@link #writeTransferBody}
     * writes them; returns the offset after them. The one reader of that layout: the journal's {@link Decoder} builds
     * a {@link Transfer} from it, a snapshot's restore stores it as it is.
     */
    static int decodeTransferBody(byte[] buffer, int offset, TransferFields into) {
        int presence = buffer[offset];
        int at = offset + 1;
        into.idHigh = Bytes.getLong(buffer, at);
        into.idLow = Bytes.getLong(buffer, at + 8);
        into.debitHigh = Bytes.getLong(buffer, at + 16);
        into.debitLow = Bytes.getLong(buffer, at + 24);
        into.creditHigh = Bytes.getLong(buffer, at + 32);
        into.creditLow = Bytes.getLong(buffer, at + 40);
        at += 48;
        into.amount = Bytes.getLong(buffer, at);
        into.ledger = Bytes.getUnsignedShort(buffer, at + 8);
        into.code = Bytes.getInt(buffer, at + 10);
        into.flags = Bytes.getUnsignedShort(buffer, at + 14);
        into.timeoutSeconds = Bytes.getInt(buffer, at + 16);
        into.timestamp = Bytes.getLong(buffer, at + 20);
        at += 28;
        into.pendingHigh = 0;
        into.pendingLow = 0;
        if ((presence & PRESENT_PENDING_ID) != 0) {
            into.pendingHigh = Bytes.getLong(buffer, at);
            into.pendingLow = Bytes.getLong(buffer, at + 8);
            at += 16;
        }
        into.amountRequested = into.amount;
        if ((presence & PRESENT_AMOUNT_REQUESTED) != 0) {
            into.amountRequested = Bytes.getLong(buffer, at);
            at += 8;
        }
        into.reference = "";
        if ((presence & PRESENT_REFERENCE) != 0) {
            int length = buffer[at++] & 0xFF;
            into.reference = new String(buffer, at, length, StandardCharsets.UTF_8);
            at += length;
        }
        return at;
    }

    static int writeExpired(byte[] buffer, int offset, Transfer pending, long timestamp) {
        buffer[offset++] = (byte) TAG_PENDING_EXPIRED;
        offset = writeId(buffer, offset, pending.id());
        offset = writeId(buffer, offset, pending.debitAccountId());
        offset = writeId(buffer, offset, pending.creditAccountId());
        Bytes.putShort(buffer, offset, pending.ledger());
        Bytes.putLong(buffer, offset + 2, pending.amount());
        Bytes.putLong(buffer, offset + 10, timestamp);
        return offset + 18;
    }

    private static int writeId(byte[] buffer, int offset, UUID id) {
        Bytes.putLong(buffer, offset, id.getMostSignificantBits());
        Bytes.putLong(buffer, offset + 8, id.getLeastSignificantBits());
        return offset + 16;
    }

    // ---- decoding ----

    /** Decodes events from a byte range; the cursor moves past each decoded event. */
    static final class Decoder {
        private final byte[] buffer;
        private int offset;
        private final int end;
        private final int version;
        /** For transfer events: the amount the caller asked for (equal to the amount unless it was reduced). */
        long amountRequested;

        Decoder(byte[] buffer, int offset, int end, int version) {
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported event format version=" + version);
            }
            this.buffer = buffer;
            this.offset = offset;
            this.end = end;
            this.version = version;
        }

        boolean hasNext() {
            return offset < end;
        }

        int offset() {
            return offset;
        }

        LedgerEvent next() {
            int tag = buffer[offset++];
            return switch (tag) {
                case TAG_ACCOUNT_OPENED -> {
                    Account account = readAccount();
                    yield new LedgerEvent.AccountOpened(account, readProfileIfVersioned());
                }
                case TAG_ACCOUNT_REJECTED -> {
                    ResultCode result = ResultCode.ofNumber(buffer[offset++]);
                    Account attempted = readAccount();
                    readProfileIfVersioned();
                    yield new LedgerEvent.AccountRejected(attempted, result, attempted.timestamp());
                }
                case TAG_PROFILE_CHANGED -> {
                    requireVersion(FORMAT_VERSION_PROFILES, tag);
                    UUID id = readId();
                    long timestamp = Bytes.getLong(buffer, offset);
                    offset += 8;
                    yield new LedgerEvent.ProfileChanged(id, readProfile(), timestamp);
                }
                case TAG_PROFILE_CHANGE_REJECTED -> {
                    requireVersion(FORMAT_VERSION_PROFILES, tag);
                    UUID id = readId();
                    ResultCode result = ResultCode.ofNumber(buffer[offset++]);
                    long timestamp = Bytes.getLong(buffer, offset);
                    offset += 8;
                    yield new LedgerEvent.ProfileChangeRejected(id, result, timestamp);
                }
                case TAG_FACT_RECORDED -> {
                    requireVersion(FORMAT_VERSION_PROFILES, tag);
                    int kind = Bytes.getUnsignedShort(buffer, offset);
                    long timestamp = Bytes.getLong(buffer, offset + 2);
                    int length = Bytes.getUnsignedShort(buffer, offset + 10);
                    offset += 12;
                    checkWithinEnd(length);
                    byte[] body = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
                    offset += length;
                    yield new LedgerEvent.FactRecorded(new Fact(kind, body), timestamp);
                }
                case TAG_BUSINESS_DATE_CHANGED, TAG_BUSINESS_DATE_REJECTED -> {
                    requireVersion(FORMAT_VERSION_BUSINESS_DATE, tag);
                    ResultCode result = tag == TAG_BUSINESS_DATE_REJECTED ? ResultCode.ofNumber(buffer[offset++])
                            : ResultCode.OK;
                    BusinessDate date = BusinessDate.ofDays(Bytes.getInt(buffer, offset),
                            Bytes.getInt(buffer, offset + 4));
                    long timestamp = Bytes.getLong(buffer, offset + 8);
                    offset += 16;
                    yield result == ResultCode.OK ? new LedgerEvent.BusinessDateChanged(date, timestamp)
                            : new LedgerEvent.BusinessDateChangeRejected(date, result, timestamp);
                }
                case TAG_OVERDRAFT_LIMIT_CHANGED, TAG_OVERDRAFT_LIMIT_REJECTED -> {
                    requireVersion(FORMAT_VERSION_BUSINESS_DATE, tag);
                    UUID id = readId();
                    ResultCode result = tag == TAG_OVERDRAFT_LIMIT_REJECTED ? ResultCode.ofNumber(buffer[offset++])
                            : ResultCode.OK;
                    long limit = Bytes.getLong(buffer, offset);
                    long timestamp = Bytes.getLong(buffer, offset + 8);
                    offset += 16;
                    yield result == ResultCode.OK ? new LedgerEvent.OverdraftLimitChanged(id, limit, timestamp)
                            : new LedgerEvent.OverdraftLimitRejected(id, limit, result, timestamp);
                }
                case TAG_ACCOUNT_FLAGS_CHANGED -> {
                    UUID id = readId();
                    AccountOperation operation = AccountOperation.ofNumber(buffer[offset++]);
                    int flags = Bytes.getUnsignedShort(buffer, offset);
                    long timestamp = Bytes.getLong(buffer, offset + 2);
                    offset += 10;
                    yield new LedgerEvent.AccountFlagsChanged(id, operation, flags, timestamp);
                }
                case TAG_ACCOUNT_CHANGE_REJECTED -> {
                    UUID id = readId();
                    AccountOperation operation = AccountOperation.ofNumber(buffer[offset++]);
                    ResultCode result = ResultCode.ofNumber(buffer[offset++]);
                    long timestamp = Bytes.getLong(buffer, offset);
                    offset += 8;
                    yield new LedgerEvent.AccountChangeRejected(id, operation, result, timestamp);
                }
                case TAG_TRANSFER_POSTED, TAG_TRANSFER_PENDING, TAG_PENDING_POSTED, TAG_PENDING_VOIDED ->
                        LedgerEvent.ofApplied(readTransfer());
                case TAG_TRANSFER_REJECTED -> {
                    ResultCode result = ResultCode.ofNumber(buffer[offset++]);
                    Transfer attempted = readTransfer();
                    yield new LedgerEvent.TransferRejected(attempted, result, attempted.timestamp());
                }
                case TAG_PENDING_EXPIRED -> {
                    UUID pendingId = readId();
                    UUID debit = readId();
                    UUID credit = readId();
                    int ledger = Bytes.getUnsignedShort(buffer, offset);
                    long amount = Bytes.getLong(buffer, offset + 2);
                    long timestamp = Bytes.getLong(buffer, offset + 10);
                    offset += 18;
                    yield new LedgerEvent.PendingExpired(pendingId, debit, credit, ledger, amount, timestamp);
                }
                default -> throw new IllegalStateException("unknown event tag=" + tag + " offset=" + (offset - 1));
            };
        }

        private void requireVersion(int versionMin, int tag) {
            if (version < versionMin) {
                throw new IllegalStateException("event tag=" + tag + " needs format version=" + versionMin
                        + " entryVersion=" + version);
            }
        }

        private Profile readProfileIfVersioned() {
            return version >= FORMAT_VERSION_PROFILES ? readProfile() : Profile.EMPTY;
        }

        private Profile readProfile() {
            int length = Bytes.getUnsignedShort(buffer, offset);
            offset += 2;
            checkWithinEnd(length);
            Profile profile = length == 0 ? Profile.EMPTY
                    : Profile.of(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
            offset += length;
            return profile;
        }

        private void checkWithinEnd(int length) {
            if (offset + length > end) {
                throw new IllegalStateException("event field runs past the entry end offset=" + offset + " length="
                        + length + " end=" + end);
            }
        }

        private Account readAccount() {
            UUID id = readId();
            int ledger = Bytes.getUnsignedShort(buffer, offset);
            AccountType type = AccountType.ofNumber(buffer[offset + 2]);
            int code = Bytes.getInt(buffer, offset + 3);
            int flags = Bytes.getUnsignedShort(buffer, offset + 7);
            long timestamp = Bytes.getLong(buffer, offset + 9);
            offset += 17;
            return new Account(id, ledger, type, code, flags, 0, 0, 0, 0, timestamp);
        }

        private Transfer readTransfer() {
            TransferFields fields = new TransferFields();
            offset = decodeTransferBody(buffer, offset, fields);
            amountRequested = fields.amountRequested;
            UUID pendingId = fields.pendingHigh == 0 && fields.pendingLow == 0 ? Ids.ZERO
                    : new UUID(fields.pendingHigh, fields.pendingLow);
            return new Transfer(new UUID(fields.idHigh, fields.idLow), new UUID(fields.debitHigh, fields.debitLow),
                    new UUID(fields.creditHigh, fields.creditLow), fields.amount, fields.ledger, fields.code,
                    fields.flags, pendingId, fields.timeoutSeconds, fields.reference, fields.timestamp);
        }

        private UUID readId() {
            UUID id = new UUID(Bytes.getLong(buffer, offset), Bytes.getLong(buffer, offset + 8));
            offset += 16;
            return id;
        }
    }
}
