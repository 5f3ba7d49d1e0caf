package dev.corebank.bench.report;

/** Throughput of one system divided by another's, both measured in the same run. */
public record Ratio(String name, String numerator, String denominator, String workload, double value) {
}
