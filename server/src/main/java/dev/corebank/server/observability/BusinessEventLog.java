package dev.corebank.server.observability;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Transfer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.context.SmartLifecycle;

/**
 * Logs every business event once it is durable, read from the journal itself, so the log says exactly what the
 * journal says: one INFO line per event on the logger {@code corebank.events}, with the event's ids and amount, its
 * journal sequence and the trace id of the request that caused it (as {@code trace.id}). Never a secret: journal
 * events hold ids, amounts and codes only.
 *
 * <p>It starts at the journal's end, so a restart does not log history again; each read is bounded by
 * {@link #ENTRIES_PER_READ_MAX}. Turn it off with {@code corebank.observability.business-events-logged=false}, or
 * silence the logger, where logging every transfer costs too much.
 */
final class BusinessEventLog implements SmartLifecycle {
    static final String LOGGER = "corebank.events";
    static final int ENTRIES_PER_READ_MAX = 256;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final long IDLE_WAIT_MILLIS = 200;
    private static final long FAILURE_PAUSE_MILLIS = 1_000;

    private final LedgerEngine engine;
    private volatile boolean running;
    private Thread thread;

    BusinessEventLog(LedgerEngine engine) {
        this.engine = engine;
    }

    private void run() {
        long next = engine.committedPosition() + 1;
        try (JournalReader reader = engine.openReader()) {
            while (running) {
                try {
                    if (!reader.awaitPosition(next, IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    List<JournalEntry> entries = reader.read(next, ENTRIES_PER_READ_MAX);
                    for (JournalEntry entry : entries) {
                        log(entry);
                        next = entry.sequence() + 1;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException failure) {
                    LOG.warn("business event log: cannot read the journal, retrying nextSequence={} cause={}", next,
                            failure.toString());
                    pause();
                }
            }
        }
    }

    static void log(JournalEntry entry) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        boolean traced = !entry.traceId().isNone();
        if (traced) {
            MDC.put(EcsTraceFields.MDC_TRACE_ID, entry.traceId().toHex());
        }
        try {
            for (LedgerEvent event : entry.events()) {
                line(event, entry.sequence());
            }
        } finally {
            if (traced) {
                MDC.remove(EcsTraceFields.MDC_TRACE_ID);
            }
        }
    }

    private static void line(LedgerEvent event, long sequence) {
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("event.dataset", LOGGER)
                .addKeyValue("corebank.sequence", sequence);
        switch (event) {
            case LedgerEvent.TransferPosted posted -> transfer(line, "transfer-posted", posted.transfer());
            case LedgerEvent.TransferPending pending -> transfer(line, "transfer-pending", pending.transfer());
            case LedgerEvent.PendingPosted posted -> transfer(line, "pending-posted", posted.transfer());
            case LedgerEvent.PendingVoided voided -> transfer(line, "pending-voided", voided.transfer());
            case LedgerEvent.PendingExpired expired -> line.addKeyValue("event.action", "pending-expired")
                    .addKeyValue("corebank.pending.id", expired.pendingId().toString())
                    .addKeyValue("corebank.debit_account.id", expired.debitAccountId().toString())
                    .addKeyValue("corebank.credit_account.id", expired.creditAccountId().toString())
                    .addKeyValue("corebank.amount", expired.amount()).addKeyValue("corebank.ledger", expired.ledger())
                    .log("pending-expired pendingId={} amount={} sequence={}", expired.pendingId(), expired.amount(),
                            sequence);
            case LedgerEvent.TransferRejected rejected -> {
                Transfer attempted = rejected.attempted();
                line.addKeyValue("event.outcome", "failure")
                        .addKeyValue("corebank.result", rejected.result().wireName());
                transfer(line, "transfer-rejected", attempted);
            }
            case LedgerEvent.AccountOpened opened -> line.addKeyValue("event.action", "account-opened")
                    .addKeyValue("corebank.account.id", opened.account().id().toString())
                    .addKeyValue("corebank.ledger", opened.account().ledger())
                    .addKeyValue("corebank.account.type", opened.account().type().name())
                    .addKeyValue("corebank.account.code", opened.account().code())
                    .log("account-opened accountId={} ledger={} type={} sequence={}", opened.account().id(),
                            opened.account().ledger(), opened.account().type(), sequence);
            case LedgerEvent.AccountFlagsChanged changed -> line.addKeyValue("event.action", "account-"
                            + changed.operation().name().toLowerCase(Locale.ROOT))
                    .addKeyValue("corebank.account.id", changed.accountId().toString())
                    .addKeyValue("corebank.account.flags", changed.flags())
                    .log("account-{} accountId={} sequence={}", changed.operation().name().toLowerCase(Locale.ROOT),
                            changed.accountId(), sequence);
            case LedgerEvent.AccountRejected rejected -> line.addKeyValue("event.action", "account-rejected")
                    .addKeyValue("event.outcome", "failure")
                    .addKeyValue("corebank.account.id", rejected.attempted().id().toString())
                    .addKeyValue("corebank.result", rejected.result().wireName())
                    .log("account-rejected accountId={} result={} sequence={}", rejected.attempted().id(),
                            rejected.result().wireName(), sequence);
            case LedgerEvent.AccountChangeRejected rejected -> line.addKeyValue("event.action",
                            "account-change-rejected")
                    .addKeyValue("event.outcome", "failure")
                    .addKeyValue("corebank.account.id", rejected.accountId().toString())
                    .addKeyValue("corebank.result", rejected.result().wireName())
                    .log("account-change-rejected accountId={} operation={} result={} sequence={}",
                            rejected.accountId(), rejected.operation(), rejected.result().wireName(), sequence);
            // A profile holds personal data, encrypted: the log names the account only, never the profile.
            case LedgerEvent.ProfileChanged changed -> line.addKeyValue("event.action", "profile-changed")
                    .addKeyValue("corebank.account.id", changed.accountId().toString())
                    .log("profile-changed accountId={} sequence={}", changed.accountId(), sequence);
            case LedgerEvent.ProfileChangeRejected rejected -> line.addKeyValue("event.action",
                            "profile-change-rejected")
                    .addKeyValue("event.outcome", "failure")
                    .addKeyValue("corebank.account.id", rejected.accountId().toString())
                    .addKeyValue("corebank.result", rejected.result().wireName())
                    .log("profile-change-rejected accountId={} result={} sequence={}", rejected.accountId(),
                            rejected.result().wireName(), sequence);
            case LedgerEvent.FactRecorded recorded -> line.addKeyValue("event.action", "fact-recorded")
                    .addKeyValue("corebank.fact.kind", recorded.fact().kind())
                    .log("fact-recorded kind={} sequence={}", recorded.fact().kind(), sequence);
        }
    }

    private static void transfer(LoggingEventBuilder line, String action, Transfer transfer) {
        line.addKeyValue("event.action", action)
                .addKeyValue("corebank.transfer.id", transfer.id().toString())
                .addKeyValue("corebank.debit_account.id", String.valueOf(transfer.debitAccountId()))
                .addKeyValue("corebank.credit_account.id", String.valueOf(transfer.creditAccountId()))
                .addKeyValue("corebank.amount", transfer.amount())
                .addKeyValue("corebank.ledger", transfer.ledger())
                .addKeyValue("corebank.transfer.code", transfer.code())
                .log("{} transferId={} debitAccountId={} creditAccountId={} amount={} ledger={}", action,
                        transfer.id(), transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount(),
                        transfer.ledger());
    }

    private void pause() {
        try {
            Thread.sleep(FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("business-event-log").daemon(true).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
