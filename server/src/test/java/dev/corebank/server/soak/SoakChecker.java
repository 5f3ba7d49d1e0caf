package dev.corebank.server.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The soak's checks as pure functions: each takes what the soak expects and what the server showed, and returns the
 * violations (none when the check holds). Reading the server is {@link SoakReads}'s job, so each check can be shown
 * to fail on a deliberately wrong expectation without a server ({@code SoakCheckerTest}).
 */
final class SoakChecker {
    /** Evidence items named in one violation at the most; the count is always complete. */
    static final int EVIDENCE_SHOWN_MAX = 10;

    /** A statement of the whole soak so far, as the read model answered it. */
    record StatementTotals(long openingBalance, long totalDebits, long totalCredits, long closingBalance) {
    }

    /** An audit record, as far as the checks need it. */
    record AuditEntry(long sequence, List<UUID> subjectIds, String outcome, Integer status) {
    }

    private SoakChecker() {
    }

    /** A 2xx answer to a request must be the transfer that was asked for. */
    static List<Violation> answer(SoakOperation operation, SoakOperation hold, TransferView answer) {
        List<String> wrong = new ArrayList<>();
        differ(wrong, "id", operation.id(), answer.id());
        UUID debit = hold != null ? hold.debitAccountId() : operation.debitAccountId();
        UUID credit = hold != null ? hold.creditAccountId() : operation.creditAccountId();
        differ(wrong, "debitAccountId", debit, answer.debitAccountId());
        differ(wrong, "creditAccountId", credit, answer.creditAccountId());
        if (operation.kind() != SoakOperation.Kind.VOID) {
            differ(wrong, "amount", operation.amount(), answer.amount());
        }
        differ(wrong, "pendingId", operation.pendingId(), answer.pendingId());
        differ(wrong, "reference", operation.reference(), answer.reference());
        return wrong.isEmpty() ? List.of() : List.of(new Violation("answer", "id=" + operation.id() + " kind="
                + operation.kind() + " " + String.join(" ", wrong)));
    }

    /**
     * Every transfer known to exist is found by the engine with the fields it was acknowledged with, and a hold has
     * the status its posts and voids imply. {@code found} lacks the ids the engine answered 404 for.
     */
    static List<Violation> transfersFound(List<SoakBook.Known> sample, Map<UUID, TransferView> found,
                                          Map<UUID, String> holdStatuses) {
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (SoakBook.Known known : sample) {
            TransferView engine = found.get(known.operation().id());
            if (engine == null) {
                missing.add(known.operation().id() + " (" + known.how() + " " + known.operation().kind() + " kill="
                        + known.kill() + " position=" + known.position() + ")");
            } else if (!engine.sameTransferAs(known.answer())) {
                different.add("acknowledged=" + known.answer() + " engine=" + engine);
            } else if (!Objects.equals(holdStatuses.get(engine.id()), engine.pendingStatus())) {
                different.add("id=" + engine.id() + " pendingStatus expected=" + holdStatuses.get(engine.id())
                        + " engine=" + engine.pendingStatus());
            }
        }
        List<Violation> violations = new ArrayList<>();
        if (!missing.isEmpty()) {
            violations.add(new Violation("acknowledged transfers recovered", missing.size() + " of " + sample.size()
                    + " checked are not found: " + shown(missing)));
        }
        if (!different.isEmpty()) {
            violations.add(new Violation("acknowledged transfers recovered", different.size() + " of "
                    + sample.size() + " checked differ: " + shown(different)));
        }
        return violations;
    }

    /** A refused transfer was never stored: the engine must not find it. */
    static List<Violation> rejectedAbsent(List<UUID> rejected, Set<UUID> found) {
        List<String> invented = rejected.stream().filter(found::contains).map(UUID::toString).toList();
        return invented.isEmpty() ? List.of() : List.of(new Violation("no transfer invented", invented.size()
                + " refused transfers exist: " + shown(invented)));
    }

    /**
     * No duplicates and nothing lost: each account's engine totals equal exactly the sum of the transfers the soak
     * knows to exist.
     */
    static List<Violation> balances(Map<UUID, Balances> expected, Map<UUID, Balances> engine) {
        List<String> different = new ArrayList<>();
        for (Map.Entry<UUID, Balances> account : new TreeMap<>(expected).entrySet()) {
            Balances found = engine.get(account.getKey());
            if (!account.getValue().equals(found)) {
                different.add("account=" + account.getKey() + " expected=" + account.getValue() + " engine=" + found
                        + (found == null ? "" : " difference=" + found.minus(account.getValue())));
            }
        }
        return different.isEmpty() ? List.of() : List.of(new Violation("no duplicates (balances)", different.size()
                + " accounts differ from the transfers known to exist: " + shown(different)));
    }

    /**
     * Money is conserved: the soak accounts hold exactly what the cash account paid in, and every pending debit has
     * its pending credit.
     */
    static List<Violation> conservation(Map<UUID, Balances> soakAccounts, Balances cash, long funded) {
        long held = 0;
        long pendingDebits = 0;
        long pendingCredits = 0;
        for (Balances account : soakAccounts.values()) {
            held += account.creditBalance();
            pendingDebits += account.debitsPending();
            pendingCredits += account.creditsPending();
        }
        long paidIn = cash.debitsPosted() - cash.creditsPosted();
        List<Violation> violations = new ArrayList<>();
        if (held != funded || paidIn != funded) {
            violations.add(new Violation("balances conserved", "funded=" + funded + " soakAccountsHold=" + held
                    + " cashPaidIn=" + paidIn));
        }
        if (pendingDebits != pendingCredits) {
            violations.add(new Violation("balances conserved", "pendingDebits=" + pendingDebits + " pendingCredits="
                    + pendingCredits));
        }
        return violations;
    }

    /**
     * The read model's statement of the whole soak equals the engine's posted totals: it opens at zero, its debits
     * and credits are the account's posted debits and credits, and it closes at the balance on the normal side.
     */
    static List<Violation> statements(Map<UUID, Balances> engine, Map<UUID, StatementTotals> statements,
                                      UUID debitNormalAccount) {
        List<String> different = new ArrayList<>();
        for (Map.Entry<UUID, Balances> account : new TreeMap<>(engine).entrySet()) {
            Balances posted = account.getValue();
            long balance = account.getKey().equals(debitNormalAccount) ? -posted.creditBalance()
                    : posted.creditBalance();
            StatementTotals expected = new StatementTotals(0, posted.debitsPosted(), posted.creditsPosted(), balance);
            StatementTotals found = statements.get(account.getKey());
            if (!expected.equals(found)) {
                different.add("account=" + account.getKey() + " engine=" + expected + " readModel=" + found);
            }
        }
        return different.isEmpty() ? List.of() : List.of(new Violation("read model equals engine (statements)",
                different.size() + " accounts differ: " + shown(different)));
    }

    /**
     * The read model's history of one account, since the last check, holds exactly the transfers known to exist in
     * that window, once each, with the engine's fields.
     */
    static List<Violation> historyWindow(UUID account, List<TransferView> expected, List<TransferView> listed) {
        Map<UUID, TransferView> wanted = new HashMap<>();
        expected.forEach(view -> wanted.put(view.id(), view));
        Set<UUID> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (TransferView row : listed) {
            TransferView want = wanted.get(row.id());
            if (!seen.add(row.id())) {
                problems.add("twice id=" + row.id());
            } else if (want == null) {
                problems.add("not known to exist id=" + row.id() + " " + row);
            } else if (!want.sameTransferAs(row) || !Objects.equals(want.pendingStatus(), row.pendingStatus())) {
                problems.add("differs engine=" + want + " readModel=" + row);
            }
        }
        for (TransferView want : expected) {
            if (!seen.contains(want.id())) {
                problems.add("missing id=" + want.id() + " timestamp=" + want.timestamp());
            }
        }
        return problems.isEmpty() ? List.of() : List.of(new Violation("read model equals engine (history)",
                "account=" + account + " expected=" + expected.size() + " listed=" + listed.size() + " "
                        + problems.size() + " problems: " + shown(problems)));
    }

    /**
     * The audit trail is complete for the journal entries since the last check: each sequence in
     * {@code (after, upTo]} has exactly one record, and each transfer acknowledged with a journal position has its
     * record there, naming it, with outcome ok.
     */
    static List<Violation> auditWindow(long after, long upTo, List<AuditEntry> records,
                                       List<SoakBook.Known> acknowledged) {
        Map<Long, List<AuditEntry>> bySequence = new HashMap<>();
        for (AuditEntry record : records) {
            if (record.sequence() > after && record.sequence() <= upTo) {
                bySequence.computeIfAbsent(record.sequence(), sequence -> new ArrayList<>()).add(record);
            }
        }
        List<String> problems = new ArrayList<>();
        for (long sequence = after + 1; sequence <= upTo; sequence++) {
            int count = bySequence.getOrDefault(sequence, List.of()).size();
            if (count != 1) {
                problems.add("sequence=" + sequence + " records=" + count);
            }
        }
        for (SoakBook.Known known : acknowledged) {
            if (known.position() <= after || known.position() > upTo) {
                continue;
            }
            List<AuditEntry> found = bySequence.getOrDefault(known.position(), List.of());
            boolean named = found.stream().anyMatch(record -> record.subjectIds().contains(known.operation().id())
                    && "ok".equals(record.outcome()) && record.status() == null);
            if (!named) {
                problems.add("transfer=" + known.operation().id() + " at sequence=" + known.position()
                        + " has no ok record naming it: " + found);
            }
        }
        return problems.isEmpty() ? List.of() : List.of(new Violation("audit trail complete", "entries (" + after
                + ", " + upTo + "] " + problems.size() + " problems: " + shown(problems)));
    }

    /**
     * The read model and the audit trail are derived by reactors; one that does not reach the journal's position on an
     * idle server (stuck, or failing on every retry) leaves both behind the engine for good.
     */
    static List<Violation> reactorsCaughtUp(List<String> behind) {
        return behind.isEmpty() ? List.of() : List.of(new Violation("read model and audit trail caught up with the"
                + " journal", behind.size() + " reactors behind on an idle server: " + shown(behind)));
    }

    /** The server's own verification of the journal, the read model and the audit trail against the chain. */
    static List<Violation> verification(boolean ok, List<String> verdict) {
        boolean passed = ok && verdict.contains("VERDICT: OK");
        return passed ? List.of() : List.of(new Violation("audit verification", String.join(" | ", verdict)));
    }

    private static void differ(List<String> wrong, String field, Object expected, Object found) {
        if (!Objects.equals(expected, found)) {
            wrong.add(field + " expected=" + expected + " answered=" + found);
        }
    }

    private static String shown(List<String> items) {
        List<String> shown = items.subList(0, Math.min(items.size(), EVIDENCE_SHOWN_MAX));
        return String.join("; ", shown) + (items.size() > shown.size() ? "; ... (" + (items.size() - shown.size())
                + " more)" : "");
    }
}
