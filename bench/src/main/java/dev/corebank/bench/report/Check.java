package dev.corebank.bench.report;

/** One verification check of a run: what was checked, whether it held, and the numbers behind the answer. */
public record Check(String name, boolean passed, String detail) {
}
