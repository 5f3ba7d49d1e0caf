package dev.corebank.server.soak;

/** A check that failed: which one, and what was found, in name=value form. */
record Violation(String check, String evidence) {
    @Override
    public String toString() {
        return check + ": " + evidence;
    }
}
