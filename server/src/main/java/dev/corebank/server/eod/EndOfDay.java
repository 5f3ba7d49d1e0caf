package dev.corebank.server.eod;

import dev.corebank.ledger.BusinessDate;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.ResultCode;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.web.TraceIds;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs end of day: for each business date from the open one through the date asked for, in order, the named steps
 * of {@link EodSteps}, each once. It runs on one thread of its own, so two requests never run it twice at once; a
 * second request while it runs is answered with the run in progress.
 *
 * <p>Restartable and idempotent by construction. A step's transfers have ids derived from (date, account, step), so a
 * repeat answers {@code exists} and moves nothing; each finished step is journaled ({@code EOD_STEP_COMPLETED}), so a
 * restart after a crash goes on from the first step not journaled as done; the cut-off and the roll are business
 * date moves the engine applies once. Everything it posts is decided by the {@link DayBook} at the cut-off, from the
 * journal, so a repeated, resumed or caught-up day posts exactly what the day posted or would have.
 */
@Service
public final class EndOfDay {
    private static final Logger LOG = LoggerFactory.getLogger(EndOfDay.class);

    private final Commands commands;
    private final DayBook dayBook;
    private final EodProperties properties;
    private final EodPostings postings;
    private final BalanceSnapshots snapshots;
    private final EodMeters meters;
    private final UnaryOperator<TrialBalance> trialBalanceFault;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("end-of-day").daemon(true).factory());
    private final Map<LocalDate, EodRun> runs = new ConcurrentHashMap<>();
    private volatile EodRun running;

    EndOfDay(Commands commands, DayBook dayBook, EodProperties properties, BalanceSnapshots snapshots,
             EodMeters meters, ObjectProvider<TrialBalanceFault> fault) {
        this.commands = commands;
        this.dayBook = dayBook;
        this.properties = properties;
        this.postings = new EodPostings(commands, dayBook, Math.min(properties.batchSize(), commands.batchSizeMax()));
        this.snapshots = snapshots;
        this.meters = meters;
        TrialBalanceFault injected = fault.getIfAvailable();
        this.trialBalanceFault = injected == null ? UnaryOperator.identity() : injected::apply;
        meters.watch(this);
    }

    /** A test's way to make the trial balance step see a trial balance that does not net (see the tests). */
    public interface TrialBalanceFault {
        TrialBalance apply(TrialBalance computed);
    }

    /**
     * Starts end of day through {@code through} (null: the open business date only) unless it is running already;
     * answers the run of the first date it works on.
     */
    public synchronized EodRun start(LocalDate through) {
        EodRun current = running;
        if (current != null && current.state() == EodRun.State.RUNNING) {
            return current;
        }
        BusinessDate date = commands.businessDate();
        if (date.current() == null) {
            throw new IllegalStateException("the bank has no business date yet");
        }
        LocalDate first = date.closing() != null ? date.closing() : date.current();
        LocalDate last = through == null ? first : through;
        EodRun run = new EodRun(first, clock.instant());
        runs.put(first, run);
        running = run;
        thread.execute(() -> runThrough(run, last));
        return run;
    }

    /** The run of a date this server ran or is running, or null. */
    public EodRun run(LocalDate date) {
        return runs.get(date);
    }

    public EodRun running() {
        EodRun current = running;
        return current != null && current.state() == EodRun.State.RUNNING ? current : null;
    }

    private void runThrough(EodRun firstRun, LocalDate through) {
        EodRun run = firstRun;
        try {
            while (true) {
                if (!runDay(run)) {
                    return;
                }
                BusinessDate date = commands.businessDate();
                if (date.current().isAfter(through)) {
                    return;
                }
                run = new EodRun(date.current(), clock.instant());
                runs.put(run.date(), run);
                running = run;
            }
        } catch (RuntimeException unexpected) {
            LOG.error("end of day stopped date={} step={}", run.date(), run.currentStep(), unexpected);
            run.fail(run.currentStep() == null ? EodSteps.PRE_CHECKS : run.currentStep(), String.valueOf(
                    unexpected.getMessage()));
        }
    }

    /** Runs every step of the run's date not yet journaled as done; false when a step stopped end of day. */
    private boolean runDay(EodRun run) {
        LocalDate date = run.date();
        LOG.info("end of day started date={}", date);
        Map<String, EodSteps.Record> done = dayBook.steps(date);
        for (String step : EodSteps.ALL) {
            EodSteps.Record already = done.get(step);
            // The roll is a business date move the engine applies once: it runs whenever the date is still closing.
            if (already != null && !step.equals(EodSteps.ROLL)) {
                run.skipDone(already);
                continue;
            }
            long started = System.nanoTime();
            EodSteps.Record record;
            try {
                record = runStep(run, step);
            } catch (EodStopped stopped) {
                run.fail(step, stopped.getMessage());
                meters.stopped(step);
                LOG.error("end of day stopped date={} step={} reason={}; the operator fixes the cause and starts"
                        + " end of day again, which resumes at this step", date, step, stopped.getMessage());
                return false;
            }
            // A step that changed nothing is as cheap to repeat as to skip, so only the steps that did something, the
            // proof of the trial balance and the roll are journaled as done.
            boolean worthRecording = record.applied() > 0 || step.equals(EodSteps.TRIAL_BALANCE)
                    || step.equals(EodSteps.ROLL);
            if (already == null && worthRecording) {
                record(EodSteps.completed(record), "end of day: " + step);
            }
            run.finish(record);
            meters.stepTook(step, System.nanoTime() - started);
            LOG.info("end of day step done date={} step={} applied={} existing={} refused={} millis={}", date, step,
                    record.applied(), record.existing(), record.refused(), (System.nanoTime() - started) / 1_000_000);
        }
        run.completed();
        LOG.info("end of day completed date={}", date);
        return true;
    }

    private EodSteps.Record runStep(EodRun run, String step) {
        LocalDate date = run.date();
        return switch (step) {
            case EodSteps.PRE_CHECKS -> preChecks(run);
            case EodSteps.CUT_OFF -> cutOff(run);
            case EodSteps.EXPIRE_HOLDS -> {
                run.begin(step, 0);
                yield new EodSteps.Record(date, step, 0, 0, 0, "holds expire in the engine at their own timeout,"
                        + " postings or not; nothing is left to expire by date");
            }
            case EodSteps.ACCRUE -> postings.accrue(run, plan(date));
            case EodSteps.CAPITALISE -> postings.capitalise(run, plan(date));
            case EodSteps.FEES -> postings.fees(run, plan(date));
            case EodSteps.DORMANCY -> postings.dormancy(run, plan(date));
            case EodSteps.TRIAL_BALANCE -> trialBalance(run);
            case EodSteps.SNAPSHOT -> snapshots.write(run, dayBook);
            case EodSteps.ROLL -> roll(run);
            default -> throw new IllegalStateException("unknown end-of-day step step=" + step);
        };
    }

    private EodSteps.Record preChecks(EodRun run) {
        run.begin(EodSteps.PRE_CHECKS, 1);
        BusinessDate date = commands.businessDate();
        LocalDate day = run.date();
        boolean open = day.equals(date.current()) && date.closing() == null;
        boolean closing = day.equals(date.closing());
        if (!open && !closing) {
            throw new EodStopped("the date is neither open nor closing businessDate=" + date.current()
                    + " closingDate=" + date.closing());
        }
        awaitDayBook(commands.committedPosition());
        return new EodSteps.Record(day, EodSteps.PRE_CHECKS, 0, 0, 0, "business date " + date.current()
                + (closing ? ", closing " + date.closing() : "") + "; day book at position " + dayBook.position());
    }

    private EodSteps.Record cutOff(EodRun run) {
        LocalDate day = run.date();
        run.begin(EodSteps.CUT_OFF, 1);
        var result = commands.submit(new LedgerCommand.ChangeBusinessDate(new BusinessDate(day.plusDays(1), day)),
                provenance("end of day: cut-off"));
        if (result.code(0) != ResultCode.OK) {
            throw new EodStopped("the engine refused the cut-off result=" + result.code(0).wireName());
        }
        awaitDayBook(result.position());
        if (dayBook.plan(day) == null) {
            throw new EodStopped("the day book has no plan for the date after the cut-off date=" + day);
        }
        return new EodSteps.Record(day, EodSteps.CUT_OFF, result.journaled() ? 1 : 0, result.journaled() ? 0 : 1, 0,
                "new postings take " + day.plusDays(1) + " from journal position " + plan(day).cutOffSequence);
    }

    private EodSteps.Record trialBalance(EodRun run) {
        LocalDate day = run.date();
        run.begin(EodSteps.TRIAL_BALANCE, 1);
        awaitDayBook(commands.committedPosition());
        TrialBalance balance = trialBalanceFault.apply(dayBook.trialBalance(day));
        List<TrialBalance.Total> unbalanced = balance.unbalanced();
        if (!unbalanced.isEmpty()) {
            String reason = "the trial balance does not net to zero " + unbalanced.stream().map(total ->
                    total.currency() + " debits=" + total.debitsMinor() + " credits=" + total.creditsMinor()
                            + " closing=" + total.closingMinor()).toList();
            record(EodSteps.failed(new EodSteps.Record(day, EodSteps.TRIAL_BALANCE, 0, 0, 0, reason)),
                    "end of day: trial balance failed");
            throw new EodStopped(reason);
        }
        return new EodSteps.Record(day, EodSteps.TRIAL_BALANCE, 0, 0, 0, "nets to zero in "
                + balance.totals().size() + " ledgers over " + balance.lines().size() + " lines");
    }

    private EodSteps.Record roll(EodRun run) {
        LocalDate day = run.date();
        run.begin(EodSteps.ROLL, 1);
        BusinessDate date = commands.businessDate();
        if (date.closing() == null) {
            return new EodSteps.Record(day, EodSteps.ROLL, 0, 1, 0, "already rolled");
        }
        var result = commands.submit(new LedgerCommand.ChangeBusinessDate(new BusinessDate(date.current(), null)),
                provenance("end of day: roll"));
        if (result.code(0) != ResultCode.OK) {
            throw new EodStopped("the engine refused the roll result=" + result.code(0).wireName());
        }
        return new EodSteps.Record(day, EodSteps.ROLL, 1, 0, 0, day + " closed; business date "
                + date.current());
    }

    private DayPlan plan(LocalDate date) {
        DayPlan plan = dayBook.plan(date);
        if (plan == null) {
            awaitDayBook(commands.committedPosition());
            plan = dayBook.plan(date);
        }
        if (plan == null) {
            throw new EodStopped("no plan for the date: its cut-off is not in the journal date=" + date);
        }
        return plan;
    }

    private void awaitDayBook(long sequence) {
        try {
            if (!dayBook.awaitPosition(sequence, properties.awaitTimeout())) {
                throw new EodStopped("the day book did not reach the journal position in time position=" + sequence
                        + " dayBook=" + dayBook.position() + " timeout=" + properties.awaitTimeout());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EodStopped("interrupted while waiting for the day book");
        }
    }

    private void record(dev.corebank.ledger.Fact fact, String work) {
        commands.submit(new LedgerCommand.RecordFacts(List.of(fact)), provenance(work));
    }

    static Provenance provenance(String work) {
        return Commands.system(work, TraceIds.generate());
    }

    /** End of day cannot go on: the run stops at the step, and starting again resumes there. */
    static final class EodStopped extends RuntimeException {
        EodStopped(String message) {
            super(message);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
