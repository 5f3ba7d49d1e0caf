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
    private long auditRecordsChecked;
    private long verifications;
    private String lastTimings = "";

    SoakCheckpoint(SplittableRandom sampling, LocalDate firstDay) {
        this.sampling = sampling;
        this.firstDay = firstDay;
    }

    /** Runs every check; the violations found, none when all hold. The window moves on only when all hold. */
    List<Violation> check(SoakReads reads, SoakBook book, List<UUID> accounts) {
        long t0 = System.nanoTime();
        long position = reads.awaitReactorsCaughtUp();
        long t1 = System.nanoTime();
        List<SoakBook.Known> known = book.known();
        List<SoakBook.Known> fresh = known.subList(knownChecked, known.size());
        List<Violation> violations = new ArrayList<>(transfers(reads, book, known, fresh));
        List<UUID> all = new ArrayList<>(accounts);
        all.add(book.cashAccountId());
        long t2 = System.nanoTime();
        Map<UUID, Balances> engine = reads.accounts(all);
        violations.addAll(SoakChecker.balances(book.expectedBalances(), engine));
        Map<UUID, Balances> soakAccounts = new HashMap<>(engine);
        soakAccounts.remove(book.cashAccountId());
        violations.addAll(SoakChecker.conservation(soakAccounts, engine.get(book.cashAccountId()), book.funded()));
        Map<UUID, SoakChecker.StatementTotals> statements = new HashMap<>();
        for (UUID account : all) {
            statements.put(account, reads.statement(account, firstDay));
        }
        violations.addAll(SoakChecker.statements(engine, statements, book.cashAccountId()));
        long t3 = System.nanoTime();
        violations.addAll(history(reads, book, all, fresh));
        long t4 = System.nanoTime();
        SoakReads.AuditSince audit = reads.auditSince(checkedPosition, position, auditFrom);
        violations.addAll(SoakChecker.auditWindow(checkedPosition, position, audit.records(), fresh));
        long t5 = System.nanoTime();
        SoakReads.Verification verified = reads.verify();
        long t6 = System.nanoTime();
        lastTimings = "checks " + (t6 - t0) / 1_000_000 + " ms (catch-up " + (t1 - t0) / 1_000_000 + ", transfers "
                + (t2 - t1) / 1_000_000 + ", balances and statements " + (t3 - t2) / 1_000_000 + ", history "
                + (t4 - t3) / 1_000_000 + ", audit " + (t5 - t4) / 1_000_000 + ", verify " + (t6 - t5) / 1_000_000
                + ")";
        violations.addAll(SoakChecker.verification(verified.ok(), verified.verdict()));
        checks++;
        verifications++;
        auditRecordsChecked += Math.max(0, position - checkedPosition);
        if (violations.isEmpty()) {
            checkedPosition = position;
            auditFrom = audit.newest();
            checkedTimestamp = known.stream().mapToLong(entry -> entry.answer().timestamp()).max().orElse(0);
            knownChecked = known.size();
        }
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

    int checks() {
        return checks;
    }

    long transfersChecked() {
        return transfersChecked;
    }

    long historyRowsChecked() {
        return historyRowsChecked;
    }

    long auditRecordsChecked() {
        return auditRecordsChecked;
    }

    long verifications() {
        return verifications;
    }

    long checkedPosition() {
        return checkedPosition;
    }
}
