package dev.corebank.server.network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One payment as the network knows it, by UETR: who pays whom, how much, and the network's one decision. Changed only
 * under its own lock; a final status never changes. {@code log} is the network's witness of it, bounded.
 */
final class NetworkPayment {
    static final int LOG_LINES_MAX = 64;

    enum Status { NEW, IN_FLIGHT, SETTLED, REJECTED }

    /** A line of the witness: a message in or out, or a decision. */
    record Line(Instant at, String what, String party, String detail) {
    }

    final String uetr;
    String endToEndId;
    String txId;
    String debtorAgent;
    String creditorAgent;
    String currency;
    long amountMinor;
    Instant acceptedAt;
    /** The trace of the pacs.008 that brought it (the debtor bank's request), hex; null when recalled. */
    String traceId;
    Status status = Status.NEW;
    String reason;
    private final List<Line> log = new ArrayList<>();

    NetworkPayment(String uetr) {
        this.uetr = uetr;
    }

    /** Fills in the ids a message names, where they are not known yet (a payment recalled from the books). */
    void identify(String endToEndId, String txId) {
        if (this.endToEndId == null) {
            this.endToEndId = endToEndId;
        }
        if (this.txId == null) {
            this.txId = txId;
        }
    }

    boolean isFinal() {
        return status == Status.SETTLED || status == Status.REJECTED;
    }

    synchronized void log(Instant at, String what, String party, String detail) {
        if (log.size() < LOG_LINES_MAX) {
            log.add(new Line(at, what, party, detail));
        }
    }

    synchronized List<Line> lines() {
        return List.copyOf(log);
    }
}
