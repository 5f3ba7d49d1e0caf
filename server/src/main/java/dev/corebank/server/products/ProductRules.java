package dev.corebank.server.products;

import dev.corebank.server.products.ProductDefinition.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Checks a product definition and fills in its defaults. A refusal is an {@link IllegalArgumentException} whose
 * message names the field, so the API can answer it with a 400 problem.
 */
public final class ProductRules {
    static final BigDecimal RATE_PERCENT_MAX = BigDecimal.valueOf(100);

    private ProductRules() {
    }

    /** The definition with its defaults filled in, or a refusal naming the first bad field. */
    public static ProductDefinition normalise(ProductDefinition product) {
        String id = product.id().strip().toLowerCase(Locale.ROOT);
        require(id.matches("[a-z0-9][a-z0-9-]{0," + (ProductDefinition.ID_LENGTH_MAX - 1) + "}"), "id",
                "must be lowercase letters, digits and dashes, at most " + ProductDefinition.ID_LENGTH_MAX);
        require(product.kind() != null, "kind", "is required: SAVINGS or CURRENT");
        require(product.code() != null && product.code() > 0, "code", "must be a positive general-ledger code");
        require(product.monthlyFee() >= 0, "monthlyFeeMinor", "must not be negative");
        ProductDefinition.Interest interest = product.interest() == null ? null : interest(product.interest());
        ProductDefinition.Overdraft overdraft = product.overdraft();
        if (overdraft != null) {
            require(product.kind() == ProductKind.CURRENT, "overdraft", "is for CURRENT products only");
            require(overdraft.limitMaxMinor() >= 0 && overdraft.defaultLimitMinor() >= 0
                    && overdraft.defaultLimitMinor() <= overdraft.limitMaxMinor(), "overdraft",
                    "needs 0 <= defaultLimitMinor <= limitMaxMinor");
            rate(overdraft.ratePercent(), "overdraft.ratePercent");
            overdraft = new ProductDefinition.Overdraft(overdraft.limitMaxMinor(), overdraft.defaultLimitMinor(),
                    overdraft.ratePercent(), overdraft.dayCount() == null ? DayCount.ACT_365F : overdraft.dayCount());
        }
        ProductDefinition.Dormancy dormancy = product.dormancy();
        if (dormancy != null) {
            require(dormancy.inactiveDays() >= 0, "dormancy.inactiveDays", "must not be negative");
        }
        String name = product.name() == null ? id : product.name();
        require(name.length() <= 200, "name", "is longer than 200 characters");
        return new ProductDefinition(id, product.version() == null ? 0 : product.version(), product.kind(), name,
                product.code(), interest, overdraft, product.monthlyFee(), dormancy);
    }

    private static ProductDefinition.Interest interest(ProductDefinition.Interest interest) {
        ProductDefinition.RateType rateType = interest.rateType() == null ? ProductDefinition.RateType.FLAT
                : interest.rateType();
        List<Tier> tiers = interest.tiers() == null ? List.of() : List.copyOf(interest.tiers());
        require(!tiers.isEmpty() && tiers.size() <= ProductDefinition.TIERS_MAX, "interest.tiers",
                "needs 1 to " + ProductDefinition.TIERS_MAX + " tiers");
        require(rateType != ProductDefinition.RateType.FLAT || tiers.size() == 1, "interest.tiers",
                "a FLAT rate has exactly one tier");
        require(tiers.getFirst().fromMinor() == 0, "interest.tiers", "the first tier starts at fromMinor 0");
        for (int index = 0; index < tiers.size(); index++) {
            rate(tiers.get(index).ratePercent(), "interest.tiers[" + index + "].ratePercent");
            require(index == 0 || tiers.get(index).fromMinor() > tiers.get(index - 1).fromMinor(),
                    "interest.tiers", "must rise strictly in fromMinor");
        }
        ProductDefinition.Period compounding = interest.compounding() == null ? ProductDefinition.Period.MONTHLY
                : interest.compounding();
        ProductDefinition.Period posting = interest.posting() == null ? compounding : interest.posting();
        require(!(compounding == ProductDefinition.Period.QUARTERLY && posting == ProductDefinition.Period.MONTHLY),
                "interest.compounding", "must not be longer than the posting period");
        RoundingMode rounding = interest.rounding() == null ? RoundingMode.HALF_EVEN : interest.rounding();
        require(rounding != RoundingMode.UNNECESSARY, "interest.rounding", "must round");
        long minimum = interest.minimumBalanceMinor() == null ? 0 : interest.minimumBalanceMinor();
        require(minimum >= 0, "interest.minimumBalanceMinor", "must not be negative");
        return new ProductDefinition.Interest(rateType, tiers,
                interest.dayCount() == null ? DayCount.ACT_365F : interest.dayCount(),
                interest.balanceBasis() == null ? ProductDefinition.BalanceBasis.END_OF_DAY : interest.balanceBasis(),
                minimum, compounding, posting, rounding);
    }

    private static void rate(BigDecimal ratePercent, String field) {
        require(ratePercent != null && ratePercent.signum() >= 0 && ratePercent.compareTo(RATE_PERCENT_MAX) <= 0,
                field, "must be a yearly rate in percent from 0 to 100");
    }

    private static void require(boolean holds, String field, String problem) {
        if (!holds) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }
}
