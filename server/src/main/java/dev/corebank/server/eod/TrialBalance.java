package dev.corebank.server.eod;

import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Ledgers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trial balance of one business date: per general-ledger line (ledger and code), the balance before the date,
 * the debits and credits posted on it, and the balance after, all debit-positive (debits minus credits); and per
 * ledger the totals, which must net to zero: the day's debits equal its credits and the closing balances sum to zero.
 */
public record TrialBalance(LocalDate date, List<Line> lines, List<Total> totals) {
    public record Line(int ledger, int code, AccountType type, long openingMinor, long debitsMinor, long creditsMinor,
                       long closingMinor) {
        public String currency() {
            return Ledgers.alphabeticCode(ledger);
        }
    }

    public record Total(int ledger, long debitsMinor, long creditsMinor, long closingMinor) {
        public String currency() {
            return Ledgers.alphabeticCode(ledger);
        }

        public boolean netsToZero() {
            return debitsMinor == creditsMinor && closingMinor == 0;
        }
    }

    static TrialBalance of(LocalDate date, List<Line> lines) {
        Map<Integer, long[]> sums = new LinkedHashMap<>();
        for (Line line : lines) {
            long[] sum = sums.computeIfAbsent(line.ledger(), ignored -> new long[3]);
            sum[0] += line.debitsMinor();
            sum[1] += line.creditsMinor();
            sum[2] += line.closingMinor();
        }
        List<Total> totals = new ArrayList<>();
        sums.forEach((ledger, sum) -> totals.add(new Total(ledger, sum[0], sum[1], sum[2])));
        return new TrialBalance(date, List.copyOf(lines), List.copyOf(totals));
    }

    /** The ledgers whose totals do not net to zero; empty when the trial balance holds. */
    public List<Total> unbalanced() {
        return totals.stream().filter(total -> !total.netsToZero()).toList();
    }
}
