package dev.corebank.server.audit;

import dev.corebank.ledger.JournalVerifier;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/audit/verify}: the same check as {@code corebank audit verify}, run inside the server, so the
 * re-derived state is also compared with the live engine. For auditors and admins; one run at a time. It reads but
 * never changes anything, hence GET; it may take as long as reading the whole journal takes.
 */
@RestController
class VerifyController {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyController.class);

    private final LedgerEngine engine;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final AtomicBoolean running = new AtomicBoolean();

    VerifyController(LedgerEngine engine, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The verdict as the command line prints it, line by line, and its parts. */
    record VerifyResponse(boolean ok, List<String> verdict, JournalAudit.Comparison readModel,
                          JournalAudit.Comparison live, long entries, long lastSequence, String problem, String file,
                          long offset, long sequence) {
    }

    @GetMapping("/v1/admin/audit/verify")
    VerifyResponse verify(HttpServletRequest request) throws InterruptedException {
        AuditController.requireAuditor(request);
        if (!running.compareAndSet(false, true)) {
            throw new ApiException(HttpStatus.CONFLICT, "verify_running", "a journal verification is already running");
        }
        try {
            JournalAudit.LiveState live = AuditSources.live(engine);
            JournalAudit.ReadModelState readModel = AuditSources.readModel(jdbc, transactions);
            long durableBefore = engine.committedPosition();
            JournalAudit.Verdict verdict = new JournalAudit(engine.config()).verify(readModel, live, durableBefore,
                    JournalVerifier.Progress.NONE);
            JournalVerifier.Report journal = verdict.journal();
            (verdict.ok() ? LOG.atInfo() : LOG.atError()).addKeyValue("event.action", "audit-verify")
                    .addKeyValue("event.outcome", verdict.ok() ? "success" : "failure")
                    .log("audit verify: {}", String.join("; ", verdict.lines()));
            return new VerifyResponse(verdict.ok(), verdict.lines(), verdict.readModel(), verdict.live(),
                    journal.entries(), journal.lastSequence(), journal.problem(),
                    journal.file() == null ? null : journal.file().toString(), journal.offset(), journal.sequence());
        } finally {
            running.set(false);
        }
    }
}
