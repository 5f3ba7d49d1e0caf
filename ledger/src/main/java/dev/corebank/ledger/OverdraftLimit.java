package dev.corebank.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * One item of {@link LedgerCommand.SetOverdraftLimits}: the arranged overdraft of an account, in minor units. An
 * account with DEBITS_MUST_NOT_EXCEED_CREDITS may then owe up to this much: its debits (posted plus pending) may exceed
 * its posted credits by at most {@code limitMinor}. Zero, the default, means no overdraft.
 */
public record OverdraftLimit(UUID accountId, long limitMinor) {
    /** Large enough for any real arrangement, and small enough that credits plus the limit never overflow in checks. */
    public static final long LIMIT_MINOR_MAX = Long.MAX_VALUE / 4;

    public OverdraftLimit {
        Objects.requireNonNull(accountId, "accountId");
        if (limitMinor < 0 || limitMinor > LIMIT_MINOR_MAX) {
            throw new IllegalArgumentException("overdraft limit out of range limitMinor=" + limitMinor
                    + " limitMinorMax=" + LIMIT_MINOR_MAX);
        }
    }
}
