package dev.corebank.server.eod;

import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.commands.Commands;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link DayPlan} into commands: the transfers of the accrual, capitalisation and fee steps and the dormancy
 * changes, submitted in bounded batches through {@link Commands} with a system provenance, every transfer booked on
 * the closing date and with an id derived from (date, account, step). The reference of each transfer names the
 * customer account it is for, so the witness and the statements can tie a GL posting to its account.
 */
final class EodPostings {
    private static final Logger LOG = LoggerFactory.getLogger(EodPostings.class);
    /** How many refusals a step names in the log; the rest are counted. */
    private static final int REFUSALS_LOGGED_MAX = 20;
    /**
     * Batches of one step in flight at once: while the engine applies and makes one durable, the next is built and
     * queued, and the group commit takes several in one fsync. They are submitted from this one thread, so the engine
     * applies them in the same order on every run and the journal of a repeated day is the same.
     */
    static final int BATCHES_IN_FLIGHT_MAX = 4;

    private final Commands commands;
    private final DayBook dayBook;
    private final int batchSize;

    EodPostings(Commands commands, DayBook dayBook, int batchSize) {
        this.commands = commands;
        this.dayBook = dayBook;
        this.batchSize = batchSize;
    }

    /** The id of the transfer a step posts for an account on a date: the same on every run. */
    static UUID transferId(LocalDate date, UUID account, String step) {
        return UUID.nameUUIDFromBytes(("eod:" + date + ":" + account + ":" + step).getBytes(StandardCharsets.UTF_8));
    }

    EodSteps.Record accrue(EodRun run, DayPlan plan) {
        DayPlan.Items items = plan.accruals;
        return post(run, EodSteps.ACCRUE, plan.date, items.size(), (index, out) -> {
            int slot = items.slot(index);
            int ledger = dayBook.ledger(slot);
            out.add(transfer(plan.date, slot, EodSteps.ACCRUE, ChartOfAccounts.id(ledger, GlAccount.INTEREST_EXPENSE),
                    ChartOfAccounts.id(ledger, GlAccount.INTEREST_PAYABLE), items.amount(index), ledger,
                    TransactionCodes.INTEREST_ACCRUAL, 0));
        }, true);
    }

    /** Each capitalisation posts, linked, the rounding beyond the daily accruals and then the accrued interest. */
    EodSteps.Record capitalise(EodRun run, DayPlan plan) {
        DayPlan.Items items = plan.capitalisations;
        DayPlan.Items adjustments = plan.capitalisationAdjustments;
        return post(run, EodSteps.CAPITALISE, plan.date, items.size(), (index, out) -> {
            int slot = items.slot(index);
            int ledger = dayBook.ledger(slot);
            UUID payable = ChartOfAccounts.id(ledger, GlAccount.INTEREST_PAYABLE);
            long rounding = adjustments.amount(index);
            if (rounding > 0) {
                out.add(transfer(plan.date, slot, "capitalise-rounding",
                        ChartOfAccounts.id(ledger, GlAccount.INTEREST_EXPENSE), payable, rounding, ledger,
                        TransactionCodes.INTEREST_ACCRUAL_ROUNDING, TransferFlags.LINKED));
            }
            out.add(transfer(plan.date, slot, EodSteps.CAPITALISE, payable, dayBook.id(slot), items.amount(index),
                    ledger, TransactionCodes.INTEREST_CAPITALISED, 0));
        }, false);
    }

    /** Overdraft interest, then the monthly fees; a refusal (a dormant account, an overdraft at its limit) is counted. */
    EodSteps.Record fees(EodRun run, DayPlan plan) {
        DayPlan.Items interest = plan.overdraftInterest;
        DayPlan.Items fees = plan.fees;
        return post(run, EodSteps.FEES, plan.date, interest.size() + fees.size(), (index, out) -> {
            boolean isInterest = index < interest.size();
            DayPlan.Items items = isInterest ? interest : fees;
            int at = isInterest ? index : index - interest.size();
            int slot = items.slot(at);
            int ledger = dayBook.ledger(slot);
            out.add(isInterest
                    ? transfer(plan.date, slot, "overdraft-interest", dayBook.id(slot),
                            ChartOfAccounts.id(ledger, GlAccount.OVERDRAFT_INTEREST_INCOME), items.amount(at), ledger,
                            TransactionCodes.OVERDRAFT_INTEREST, 0)
                    : transfer(plan.date, slot, "monthly-fee", dayBook.id(slot),
                            ChartOfAccounts.id(ledger, GlAccount.FEE_INCOME), items.amount(at), ledger,
                            TransactionCodes.MAINTENANCE_FEE, 0));
        }, false);
    }

    EodSteps.Record dormancy(EodRun run, DayPlan plan) {
        DayPlan.Items items = plan.dormant;
        run.begin(EodSteps.DORMANCY, items.size());
        long applied = 0;
        long refused = 0;
        for (int first = 0; first < items.size(); first += batchSize) {
            int last = Math.min(items.size(), first + batchSize);
            List<AccountChange> changes = new ArrayList<>(last - first);
            for (int index = first; index < last; index++) {
                changes.add(new AccountChange(dayBook.id(items.slot(index)), AccountOperation.MARK_DORMANT));
            }
            BatchResult result = commands.submit(LedgerCommand.ChangeAccounts.of(changes),
                    EndOfDay.provenance("end of day: " + EodSteps.DORMANCY + " " + plan.date));
            for (ResultCode code : result.codes()) {
                if (code == ResultCode.OK) {
                    applied++;
                } else {
                    refused++;
                }
            }
            run.progress(last);
        }
        return new EodSteps.Record(plan.date, EodSteps.DORMANCY, applied, 0, refused, applied
                + " accounts marked dormant (marking a dormant account again changes nothing)");
    }

    private interface Builder {
        void build(int index, List<Transfer> out);
    }

    /**
     * Submits the items' transfers in batches that never split a linked pair. {@code mustApply}: a refusal stops end
     * of day (general-ledger movements have no balance rule to break); otherwise it is counted and logged.
     */
    private EodSteps.Record post(EodRun run, String step, LocalDate date, int count, Builder builder,
                                 boolean mustApply) {
        run.begin(step, count);
        long[] tally = new long[3];
        java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
        int index = 0;
        while (index < count) {
            List<Transfer> batch = new ArrayList<>(batchSize);
            while (index < count && batch.size() < batchSize - 1) {
                builder.build(index++, batch);
            }
            LedgerCommand.CreateTransfers command = new LedgerCommand.CreateTransfers(batch, false, date);
            var provenance = EndOfDay.provenance("end of day: " + step + " " + date);
            if (inFlight.size() >= BATCHES_IN_FLIGHT_MAX) {
                settle(run, step, date, inFlight.poll(), mustApply, tally);
            }
            inFlight.add(new InFlight(batch, index, commands.submitInOrder(command, provenance)));
        }
        while (!inFlight.isEmpty()) {
            settle(run, step, date, inFlight.poll(), mustApply, tally);
        }
        return new EodSteps.Record(date, step, tally[0], tally[1], tally[2], tally[0] + " posted, " + tally[1]
                + " already posted, " + tally[2] + " refused");
    }

    private record InFlight(List<Transfer> batch, int doneAfter,
                            java.util.concurrent.CompletableFuture<BatchResult> result) {
    }

    /** Waits for one batch and counts its results: applied, existing, refused. */
    private void settle(EodRun run, String step, LocalDate date, InFlight flight, boolean mustApply, long[] tally) {
        BatchResult result = commands.await(flight.result());
        List<Transfer> batch = flight.batch();
        for (int item = 0; item < batch.size(); item++) {
            ResultCode code = result.code(item);
            if (code == ResultCode.OK) {
                tally[0]++;
            } else if (code == ResultCode.EXISTS) {
                tally[1]++;
            } else if (mustApply) {
                throw new EndOfDay.EodStopped("the ledger refused a " + step + " transfer id="
                        + batch.get(item).id() + " result=" + code.wireName());
            } else if (tally[2]++ < REFUSALS_LOGGED_MAX) {
                LOG.warn("end of day: refused date={} step={} transferId={} account={} result={}", date, step,
                        batch.get(item).id(), batch.get(item).reference(), code.wireName());
            }
        }
        run.progress(flight.doneAfter());
    }

    private Transfer transfer(LocalDate date, int slot, String step, UUID debit, UUID credit, long amount, int ledger,
                              int code, int flags) {
        UUID account = dayBook.id(slot);
        return new Transfer(transferId(date, account, step), debit, credit, amount, ledger, code, flags, null, 0,
                account.toString(), 0);
    }
}
