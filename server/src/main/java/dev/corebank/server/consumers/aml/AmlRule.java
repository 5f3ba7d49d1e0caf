package dev.corebank.server.consumers.aml;

/** The monitor's rules, with the names used in configuration ({@code corebank.aml.freeze-on}) and in alerts. */
public enum AmlRule {
    /** One posting of more than the threshold. */
    AMOUNT_OVER_THRESHOLD("amount-over-threshold"),
    /** More than N postings on one account within T. */
    VELOCITY("velocity"),
    /** Several amounts just under the threshold on one account within T: splitting to stay below it. */
    STRUCTURING("structuring");

    private final String wireName;

    AmlRule(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AmlRule parse(String name) {
        for (AmlRule rule : values()) {
            if (rule.wireName.equals(name)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown AML rule rule=" + name
                + "; known: amount-over-threshold, velocity, structuring");
    }
}
