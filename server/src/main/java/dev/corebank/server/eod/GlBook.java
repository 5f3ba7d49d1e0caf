package dev.corebank.server.eod;

import dev.corebank.ledger.AccountType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posted movements per general-ledger line (ledger and code) per value date: what the trial balance and the GL
 * balances are computed from. A day is an epoch day; 0 holds postings made before the bank had a business date.
 */
final class GlBook {
    /** One line: the debits and credits posted to it on each value date. */
    static final class Line {
        final int ledger;
        final int code;
        final AccountType type;
        final TreeMap<Integer, long[]> days = new TreeMap<>();
        private int lastDay = Integer.MIN_VALUE;
        private long[] lastTotals;

        Line(int ledger, int code, AccountType type) {
            this.ledger = ledger;
            this.code = code;
            this.type = type;
        }

        void add(int day, long debit, long credit) {
            if (day != lastDay) {
                lastTotals = days.computeIfAbsent(day, ignored -> new long[2]);
                lastDay = day;
            }
            lastTotals[0] += debit;
            lastTotals[1] += credit;
        }

        /** Debits minus credits posted before {@code day}. */
        long netBefore(int day) {
            long net = 0;
            for (long[] totals : days.headMap(day).values()) {
                net += totals[0] - totals[1];
            }
            return net;
        }

        long[] on(int day) {
            long[] totals = days.get(day);
            return totals == null ? new long[2] : totals.clone();
        }
    }

    private final Map<Long, Line> lines = new HashMap<>();

    Line line(int ledger, int code, AccountType type) {
        long key = ((long) ledger << 32) | (code & 0xFFFFFFFFL);
        Line line = lines.get(key);
        if (line == null) {
            line = new Line(ledger, code, type);
            lines.put(key, line);
        }
        return line;
    }

    List<Line> lines() {
        List<Line> sorted = new ArrayList<>(lines.values());
        sorted.sort((left, right) -> left.ledger != right.ledger ? Integer.compare(left.ledger, right.ledger)
                : Integer.compare(left.code, right.code));
        return sorted;
    }
}
