package dev.corebank.bench.workload;

import java.util.Locale;

/** Which accounts the transfers of a run touch. Every system under test gets the same stream for the same workload. */
public enum Workload {
    /** Debit and credit accounts drawn uniformly from all accounts. */
    UNIFORM("uniform"),
    /** Every transfer debits the one hot account; credits are drawn uniformly from the others. */
    HOT_ACCOUNT("hot-account"),
    /** Debit and credit accounts drawn from a Zipf distribution over account ranks, exponent about 1. */
    ZIPF("zipf");

    private final String wireName;

    Workload(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line, in tables and in the JSON result. */
    public String wireName() {
        return wireName;
    }

    public static Workload ofWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Workload workload : values()) {
            if (workload.wireName.equals(wanted)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload workload=" + name + " (uniform, hot-account, zipf)");
    }
}
