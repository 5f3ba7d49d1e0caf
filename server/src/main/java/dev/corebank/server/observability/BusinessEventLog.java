package dev.corebank.server.observability;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs every business event once it is durable, read from the journal itself, so the log says exactly what the
 * journal says: one INFO line per event on the logger {@code corebank.events}, with the event's ids and amount, its
 * journal sequence and the trace id of the request that caused it (as {@code trace.id}). Never a secret: journal
 * events hold ids, amounts and codes only.
 *
 * <p>A reactor with an AFTER_EFFECT checkpoint: the runtime stores its checkpoint after the lines of a run were
 * handed to the logger, so after a crash or a restart it resumes where it stopped and logs the entries it had not
 * logged yet. That is at least once: a crash between logging a run and storing the checkpoint logs that run's lines
 * again on restart. With no checkpoint yet (a first start) it logs the journal from its start. It may be rewound to
 * log entries again. Turn it off with {@code corebank.observability.business-events-logged=false}, or silence the
 * logger, where logging every transfer costs too much.
 */
final class BusinessEventLog implements Reactor {
    static final String NAME = "business-event-log";
    static final String LOGGER = "corebank.events";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public boolean rewindable() {
        // Logging again is harmless: the log is read by people and pipelines that tolerate a repeated line.
        return true;
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        for (JournalEntry entry : run) {
            log(entry);
        }
        return ReactorCheckpoint.of(run.getLast());
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
            case LedgerEvent.BusinessDateChanged changed -> line.addKeyValue("event.action", "business-date-changed")
                    .addKeyValue("corebank.business_date", String.valueOf(changed.businessDate().current()))
                    .addKeyValue("corebank.closing_date", String.valueOf(changed.businessDate().closing()))
                    .log("business-date-changed businessDate={} closingDate={} sequence={}",
                            changed.businessDate().current(), changed.businessDate().closing(), sequence);
            case LedgerEvent.BusinessDateChangeRejected rejected -> line.addKeyValue("event.action",
                            "business-date-change-rejected")
                    .addKeyValue("event.outcome", "failure")
                    .addKeyValue("corebank.result", rejected.result().wireName())
                    .log("business-date-change-rejected asked={} result={} sequence={}", rejected.asked(),
                            rejected.result().wireName(), sequence);
            case LedgerEvent.OverdraftLimitChanged changed -> line.addKeyValue("event.action",
                            "overdraft-limit-changed")
                    .addKeyValue("corebank.account.id", changed.accountId().toString())
                    .addKeyValue("corebank.amount", changed.limitMinor())
                    .log("overdraft-limit-changed accountId={} limitMinor={} sequence={}", changed.accountId(),
                            changed.limitMinor(), sequence);
            case LedgerEvent.OverdraftLimitRejected rejected -> line.addKeyValue("event.action",
                            "overdraft-limit-rejected")
                    .addKeyValue("event.outcome", "failure")
                    .addKeyValue("corebank.account.id", rejected.accountId().toString())
                    .addKeyValue("corebank.result", rejected.result().wireName())
                    .log("overdraft-limit-rejected accountId={} result={} sequence={}", rejected.accountId(),
                            rejected.result().wireName(), sequence);
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
}
