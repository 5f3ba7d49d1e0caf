package dev.corebank.ledger;

import java.util.UUID;

/** Builds transfers for tests; every field starts at what a plain USD transfer would have. */
final class TransferBuilder {
    private UUID id = TestLedger.id();
    private UUID debit = Ids.ZERO;
    private UUID credit = Ids.ZERO;
    private long amount;
    private int ledger = TestLedger.USD;
    private int code = 1;
    private int flags;
    private UUID pendingId = Ids.ZERO;
    private int timeoutSeconds;
    private String reference = "";

    static TransferBuilder single(UUID debit, UUID credit, long amount) {
        TransferBuilder builder = new TransferBuilder();
        builder.debit = debit;
        builder.credit = credit;
        builder.amount = amount;
        return builder;
    }

    static TransferBuilder pending(UUID debit, UUID credit, long amount) {
        return single(debit, credit, amount).flags(TransferFlags.PENDING);
    }

    /** Posts the pending transfer; amount 0 posts all of it. Accounts and ledger are left zero. */
    static TransferBuilder post(UUID pendingId, long amount) {
        TransferBuilder builder = new TransferBuilder();
        builder.pendingId = pendingId;
        builder.amount = amount;
        builder.ledger = 0;
        builder.code = 0;
        return builder.flags(TransferFlags.POST_PENDING);
    }

    static TransferBuilder voidPending(UUID pendingId) {
        return post(pendingId, 0).flags(TransferFlags.VOID_PENDING);
    }

    TransferBuilder id(UUID value) {
        id = value;
        return this;
    }

    TransferBuilder accounts(UUID debitValue, UUID creditValue) {
        debit = debitValue;
        credit = creditValue;
        return this;
    }

    TransferBuilder amount(long value) {
        amount = value;
        return this;
    }

    TransferBuilder ledger(int value) {
        ledger = value;
        return this;
    }

    TransferBuilder code(int value) {
        code = value;
        return this;
    }

    /** Replaces the flags. */
    TransferBuilder flags(int value) {
        flags = value;
        return this;
    }

    TransferBuilder linked() {
        flags |= TransferFlags.LINKED;
        return this;
    }

    TransferBuilder pendingId(UUID value) {
        pendingId = value;
        return this;
    }

    TransferBuilder timeoutSeconds(int value) {
        timeoutSeconds = value;
        return this;
    }

    TransferBuilder reference(String value) {
        reference = value;
        return this;
    }

    Transfer build() {
        return new Transfer(id, debit, credit, amount, ledger, code, flags, pendingId, timeoutSeconds, reference, 0);
    }
}
