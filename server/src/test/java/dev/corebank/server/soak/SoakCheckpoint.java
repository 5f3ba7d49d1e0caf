package dev.corebank.server.soak;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The checks after a start that reached ready, on an idle server whose unknown requests are resolved. Each check
 * looks at what happened since the previous one (the transfers known since, the audit records of the entries since,
 * the history rows since) plus, so that the cost stays bounded however long the soak runs, a seeded sample of the
 * older transfers; the balances, statements and the server's verification always cover everything.
 */
final class SoakCheckpoint {
    /** Older transfers looked up again at each check, at the most. */
    static final int OLDER_SAMPLE_MAX = 200;
    /** Refused transfers looked up (they must not exist) at each check, at the most. */
    static final int REJECTED_SAMPLE_MAX = 50;

    private final SplittableRandom sampling;
    private final LocalDate firstDay;
    private long checkedPosition;
    private Instant auditFrom;
    private long checkedTimestamp;
    private int knownChecked;
    private int rejectedChecked;
    private int checks;
    private long transfersChecked;
    private long historyRowsChecked;
    private long auditEntriesChecked;
    private long verifications;
    private String lastTimings = "";

    SoakCheckpoint(SplittableRandom sampling, LocalDate firstDay) {
        this.sampling = sampling;
        this.firstDay = firstDay;
    }

    /** Runs every check; the violations found, none when all hold. The window moves on only when all hold. */
    List<Violation> check(SoakReads reads, SoakBook book, List<UUID> accounts) {
        Phases phases = new Phases();
        SoakReads.CatchUp caughtUp = reads.awaitReactorsCaughtUp();
        phases.done("catch-up");
        if (!caughtUp.behind().isEmpty()) {
            lastTimings = phases.text();
            checks++;
            return List.of(SoakChecker.reactorsCaughtUp(caughtUp.behind()).getFirst());
        }
        long position = caughtUp.journalPosition();
        List<SoakBook.Known> known = book.known();
        List<SoakBook.Known> fresh = known.subList(knownChecked, known.size());
        List<Violation> violations = new ArrayList<>(transfers(reads, book, known, fresh));
        phases.done("transfers");
        List<UUID> all = new ArrayList<>(accounts);
        all.add(book.cashAccountId());
        violations.addAll(balancesAndStatements(reads, book, all));
        phases.done("balances and statements");
        violations.addAll(history(reads, book, all, fresh));
        phases.done("history");
        SoakReads.AuditSince audit = reads.auditSince(checkedPosition, position, auditFrom);
        violations.addAll(SoakChecker.auditWindow(checkedPosition, position, audit.records(), fresh));
        phases.done("audit");
        SoakReads.Verification verified = reads.verify();
        violations.addAll(SoakChecker.verification(verified.ok(), verified.verdict()));
        phases.done("verify");
        lastTimings = phases.text();
        checks++;
        verifications++;
        auditEntriesChecked += Math.max(0, position - checkedPosition);
        if (violations.isEmpty()) {
            checkedPosition = position;
            auditFrom = audit.newest();
            checkedTimestamp = known.stream().mapToLong(entry -> entry.answer().timestamp()).max().orElse(0);
            knownChecked = known.size();
        }
        return violations;
    }

    /** The engine's totals against the book, conservation, and each account's statement against the engine. */
    private List<Violation> balancesAndStatements(SoakReads reads, SoakBook book, List<UUID> all) {
        Map<UUID, Balances> engine = reads.accounts(all);
        List<Violation> violations = new ArrayList<>(SoakChecker.balances(book.expectedBalances(), engine));
        Map<UUID, Balances> soakAccounts = new HashMap<>(engine);
        soakAccounts.remove(book.cashAccountId());
        violations.addAll(SoakChecker.conservation(soakAccounts, engine.get(book.cashAccountId()), book.funded()));
        Map<UUID, SoakChecker.StatementTotals> statements = new HashMap<>();
        for (UUID account : all) {
            statements.put(account, reads.statement(account, firstDay));
        }
        violations.addAll(SoakChecker.statements(engine, statements, book.cashAccountId()));
        return violations;
    }

    private List<Violation> transfers(SoakReads reads, SoakBook book, List<SoakBook.Known> known,
                                      List<SoakBook.Known> fresh) {
        List<SoakBook.Known> sample = new ArrayList<>(fresh);
        int older = Math.min(OLDER_SAMPLE_MAX, knownChecked);
        Set<Integer> drawn = new LinkedHashSet<>();
        while (drawn.size() < older) {
            drawn.add(sampling.nextInt(knownChecked));
        }
        drawn.forEach(index -> sample.add(known.get(index)));
        Map<UUID, TransferView> found = reads.transfers(sample.stream().map(entry -> entry.operation().id())
                .toList());
        transfersChecked += sample.size();
        List<Violation> violations = new ArrayList<>(SoakChecker.transfersFound(sample, found, book.holdStatuses()));
        List<UUID> rejected = book.rejectedIds();
        List<UUID> recent = rejected.subList(Math.max(rejectedChecked, rejected.size() - REJECTED_SAMPLE_MAX),
                rejected.size());
        violations.addAll(SoakChecker.rejectedAbsent(recent, reads.transfers(recent).keySet()));
        rejectedChecked = rejected.size();
        return violations;
    }

    private List<Violation> history(SoakReads reads, SoakBook book, List<UUID> accounts,
                                    List<SoakBook.Known> fresh) {
        Map<UUID, String> statuses = book.holdStatuses();
        List<Violation> violations = new ArrayList<>();
        for (UUID account : accounts) {
            List<TransferView> expected = new ArrayList<>();
            for (SoakBook.Known entry : fresh) {
                TransferView answer = entry.answer();
                if (account.equals(answer.debitAccountId()) || account.equals(answer.creditAccountId())) {
                    expected.add(new TransferView(answer.id(), answer.debitAccountId(), answer.creditAccountId(),
                            answer.amount(), answer.flags(), answer.pendingId(), answer.reference(),
                            answer.timestamp(), statuses.get(answer.id())));
                }
            }
            List<TransferView> listed = reads.historySince(account, checkedTimestamp);
            historyRowsChecked += listed.size();
            violations.addAll(SoakChecker.historyWindow(account, expected, listed));
        }
        return violations;
    }

    /** How long the last check took, in all and by part, for the progress line. */
    String lastTimings() {
        return lastTimings;
    }

    /** How long each part of one check took. */
    private static final class Phases {
        private final long startedNanos = System.nanoTime();
        private final java.util.StringJoiner parts = new java.util.StringJoiner(", ");
        private long lastNanos = startedNanos;

        void done(String part) {
            long now = System.nanoTime();
            parts.add(part + " " + (now - lastNanos) / 1_000_000);
            lastNanos = now;
        }

        String text() {
            return "checks " + (lastNanos - startedNanos) / 1_000_000 + " ms (" + parts + ")";
        }
    }

    int checks() {
        return checks;
    }

    long transfersChecked() {
        return transfersChecked;
    }

    long historyRowsChecked() {
        return historyRowsChecked;
    }

    long auditEntriesChecked() {
        return auditEntriesChecked;
    }

    long verifications() {
        return verifications;
    }

    long checkedPosition() {
        return checkedPosition;
    }
}
