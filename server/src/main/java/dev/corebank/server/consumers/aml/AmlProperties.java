package dev.corebank.server.consumers.aml;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AML and velocity monitor's rules, under {@code corebank.aml}. Amounts are in minor units of the posting's
 * ledger, the same threshold for every ledger.
 *
 * @param thresholdMinor            a posting above this raises {@code amount-over-threshold}
 * @param velocityPostingsMax       more postings than this on one account within the velocity window raise
 *                                  {@code velocity}
 * @param velocityWindowSeconds     the velocity window T
 * @param structuringCount          this many amounts just under the threshold within the structuring window raise
 *                                  {@code structuring}
 * @param structuringMarginPercent  "just under": at least threshold x (100 - margin) / 100 and at most the threshold
 * @param structuringWindowSeconds  the structuring window T
 * @param freezeOn                  the rules whose alert also freezes the account
 * @param accountsTrackedMax        accounts whose recent postings are kept in memory; the least recently seen go first
 */
@ConfigurationProperties("corebank.aml")
public record AmlProperties(
        @DefaultValue("1000000") long thresholdMinor,
        @DefaultValue("20") int velocityPostingsMax,
        @DefaultValue("3600") long velocityWindowSeconds,
        @DefaultValue("3") int structuringCount,
        @DefaultValue("10") int structuringMarginPercent,
        @DefaultValue("86400") long structuringWindowSeconds,
        @DefaultValue("structuring") List<String> freezeOn,
        @DefaultValue("100000") int accountsTrackedMax) {

    public AmlProperties {
        freezeOn = List.copyOf(freezeOn);
        if (thresholdMinor < 1 || velocityPostingsMax < 1 || structuringCount < 1 || accountsTrackedMax < 1) {
            throw new IllegalArgumentException("AML limits must be positive thresholdMinor=" + thresholdMinor
                    + " velocityPostingsMax=" + velocityPostingsMax + " structuringCount=" + structuringCount
                    + " accountsTrackedMax=" + accountsTrackedMax);
        }
        if (velocityWindowSeconds < 1 || structuringWindowSeconds < 1) {
            throw new IllegalArgumentException("AML windows must be positive velocityWindowSeconds="
                    + velocityWindowSeconds + " structuringWindowSeconds=" + structuringWindowSeconds);
        }
        if (structuringMarginPercent < 1 || structuringMarginPercent > 99) {
            throw new IllegalArgumentException("structuringMarginPercent must be from 1 to 99"
                    + " structuringMarginPercent=" + structuringMarginPercent);
        }
        for (String rule : freezeOn) {
            AmlRule.parse(rule);
        }
    }

    public Set<AmlRule> freezingRules() {
        Set<AmlRule> rules = EnumSet.noneOf(AmlRule.class);
        freezeOn.forEach(rule -> rules.add(AmlRule.parse(rule)));
        return rules;
    }

    /** The lowest amount that counts as just under the threshold. */
    public long structuringFloorMinor() {
        return thresholdMinor - thresholdMinor * structuringMarginPercent / 100;
    }

    /** The most postings one account's window must keep for every rule to be decided. */
    int windowPostingsMax() {
        return Math.max(velocityPostingsMax + 1, structuringCount);
    }
}
