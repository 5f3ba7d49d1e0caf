package dev.corebank.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A movement of {@code amount} minor units from the debit account to the credit account of the same ledger.
 *
 * <p>The id is chosen by the caller and is the transfer's idempotency key. For POST_PENDING and VOID_PENDING the
 * accounts and ledger may be left zero: they are taken from the pending transfer; when given, they must match it. A
 * POST_PENDING or VOID_PENDING amount of zero means "the whole pending amount". Pass timestamp zero: the engine
 * assigns it.
 *
 * @param ledger         ISO 4217 numeric code (see {@link Ledgers})
 * @param code           transaction type chosen by the bank
 * @param flags          {@link TransferFlags} bits
 * @param pendingId      the pending transfer a POST_PENDING or VOID_PENDING resolves; zero otherwise
 * @param timeoutSeconds for PENDING only: the hold expires this many seconds after its timestamp; 0 means never
 * @param reference      free text for statements, at most {@link #REFERENCE_BYTES_MAX} bytes of UTF-8; may be empty
 */
public record Transfer(
        UUID id,
        UUID debitAccountId,
        UUID creditAccountId,
        long amount,
        int ledger,
        int code,
        int flags,
        UUID pendingId,
        int timeoutSeconds,
        String reference,
        long timestamp) {

    public static final int REFERENCE_BYTES_MAX = 64;

    public Transfer {
        Objects.requireNonNull(id, "id");
        debitAccountId = Ids.orZero(debitAccountId);
        creditAccountId = Ids.orZero(creditAccountId);
        pendingId = Ids.orZero(pendingId);
        reference = reference == null ? "" : reference;
        Ledgers.checkLedger(ledger);
        if ((flags & ~TransferFlags.ALL) != 0) {
            throw new IllegalArgumentException("unknown transfer flag bits flags=" + flags);
        }
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative timeoutSeconds=" + timeoutSeconds);
        }
        // A char encodes to at most 3 UTF-8 bytes, so short references need no encoding to be checked.
        if (reference.length() > REFERENCE_BYTES_MAX || (reference.length() * 3 > REFERENCE_BYTES_MAX
                && reference.getBytes(StandardCharsets.UTF_8).length > REFERENCE_BYTES_MAX)) {
            throw new IllegalArgumentException("reference is longer than " + REFERENCE_BYTES_MAX + " bytes of UTF-8");
        }
    }

    /** A plain single-phase transfer. */
    public static Transfer of(UUID id, UUID debitAccountId, UUID creditAccountId, long amount, int ledger, int code) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, ledger, code, 0, null, 0, "", 0);
    }

    public boolean hasFlag(int flag) {
        return TransferFlags.has(flags, flag);
    }
}
