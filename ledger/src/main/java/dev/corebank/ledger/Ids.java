package dev.corebank.ledger;

import java.util.UUID;

/** Helpers for the 128-bit ids of accounts and transfers. The all-zero UUID means "none". */
public final class Ids {
    public static final UUID ZERO = new UUID(0, 0);

    private Ids() {
    }

    public static boolean isZero(UUID id) {
        return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0;
    }

    static UUID orZero(UUID id) {
        return id == null ? ZERO : id;
    }
}
