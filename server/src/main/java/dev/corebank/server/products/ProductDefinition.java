package dev.corebank.server.products;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One version of a banking product: what an account opened against it earns or pays, what it is charged, and when it
 * goes dormant. The same record is the API body, an entry of {@code corebank.products.definitions} and, encoded as
 * JSON, the body of the journaled {@code PRODUCT_DEFINED} fact; an account keeps the version that was current when
 * it opened.
 *
 * @param version          assigned by the catalog: 1 for a new id, one more than the latest otherwise (0 when asked)
 * @param code             the general-ledger code of the customer balances: accounts of the product open with it
 * @param monthlyFeeMinor  the monthly maintenance fee, charged at each month end; 0 for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductDefinition(String id, Integer version, ProductKind kind, String name, Integer code,
                                Interest interest, Overdraft overdraft, Long monthlyFeeMinor, Dormancy dormancy) {
    public static final int ID_LENGTH_MAX = 64;
    public static final int TIERS_MAX = 16;

    /** How a product's balance earns interest. */
    public enum RateType {
        /** One rate for the whole balance. */
        FLAT,
        /** The whole balance earns the rate of the tier it falls in. */
        TIERED,
        /** Each band of the balance earns its own rate. */
        BANDED
    }

    public enum BalanceBasis {
        /** Each day's interest is on that day's end-of-day balance. */
        END_OF_DAY
    }

    public enum Period {
        MONTHLY, QUARTERLY
    }

    /** A rate from a balance up (inclusive), until the next tier's {@code fromMinor}. */
    public record Tier(long fromMinor, BigDecimal ratePercent) {
    }

    /**
     * Savings interest.
     *
     * @param tiers               ordered by {@code fromMinor}, the first from 0; FLAT has exactly one
     * @param minimumBalanceMinor a day whose balance is below this earns nothing
     * @param compounding         when accrued interest joins the base interest is calculated on
     * @param posting             when accrued interest is credited to the customer; not shorter than compounding
     * @param rounding            how the accrued amount becomes minor units when it is posted: HALF_EVEN by default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interest(RateType rateType, List<Tier> tiers, DayCount dayCount, BalanceBasis balanceBasis,
                           Long minimumBalanceMinor, Period compounding, Period posting,
                           java.math.RoundingMode rounding) {
    }

    /**
     * A current account's arranged overdraft.
     *
     * @param limitMaxMinor     the largest limit an account of the product may be given
     * @param defaultLimitMinor the limit an account gets when it opens without asking for one
     * @param ratePercent       the yearly rate on the overdrawn balance, accrued daily and charged at month end
     */
    public record Overdraft(long limitMaxMinor, long defaultLimitMinor, BigDecimal ratePercent, DayCount dayCount) {
    }

    /**
     * @param inactiveDays     days without a customer-initiated posting after which the account is marked dormant; 0
     *                         for never
     * @param feesWhileDormant whether the monthly fee is still charged on a dormant account (false where the
     *                         jurisdiction forbids it, as India's RBI does)
     */
    public record Dormancy(int inactiveDays, boolean feesWhileDormant) {
    }

    public ProductDefinition {
        Objects.requireNonNull(id, "id");
    }

    public ProductDefinition withVersion(int newVersion) {
        return new ProductDefinition(id, newVersion, kind, name, code, interest, overdraft, monthlyFeeMinor,
                dormancy);
    }

    public long monthlyFee() {
        return monthlyFeeMinor == null ? 0 : monthlyFeeMinor;
    }

    public boolean earnsInterest() {
        return interest != null;
    }
}
