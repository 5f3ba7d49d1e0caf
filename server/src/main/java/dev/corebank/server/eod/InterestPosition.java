package dev.corebank.server.eod;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Where one account stands with interest, from the day book: accrued and not yet posted (in minor units, at the
 * accrual precision), posted to it so far, and for a current account the overdraft interest accrued and charged.
 *
 * @param balanceMinor credits minus debits posted, every value date included
 */
public record InterestPosition(UUID accountId, String product, Integer productVersion, long balanceMinor,
                               BigDecimal accruedMinor, long paidMinor, BigDecimal overdraftAccruedMinor,
                               long overdraftChargedMinor, long overdraftLimitMinor, boolean dormant) {
}
