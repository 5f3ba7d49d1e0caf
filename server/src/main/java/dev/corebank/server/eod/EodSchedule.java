package dev.corebank.server.eod;

import dev.corebank.ledger.BusinessDate;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.reactor.ReactorRuntime;
import java.time.LocalDate;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Starts end of day without being asked: at start, when a date is still closing (the server stopped in the middle of
 * end of day, a kill included), it resumes it; and on the configured schedule it catches up through yesterday.
 */
@Component
final class EodSchedule implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(EodSchedule.class);

    private final EndOfDay endOfDay;
    private final Commands commands;
    private final EodProperties properties;
    private final ObjectProvider<TaskScheduler> scheduler;
    private ScheduledFuture<?> scheduled;
    private volatile boolean running;

    EodSchedule(EndOfDay endOfDay, Commands commands, EodProperties properties,
                ObjectProvider<TaskScheduler> scheduler) {
        this.endOfDay = endOfDay;
        this.commands = commands;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        BusinessDate date = commands.businessDate();
        if (date.closing() != null) {
            LOG.info("end of day: resuming the date still closing date={}", date.closing());
            endOfDay.start(null);
        }
        if (!EodProperties.NO_SCHEDULE.equals(properties.schedule())) {
            TaskScheduler tasks = scheduler.getIfAvailable();
            if (tasks == null) {
                throw new IllegalStateException("corebank.eod.schedule is set but no task scheduler is available");
            }
            scheduled = tasks.schedule(this::catchUp, new CronTrigger(properties.schedule(), properties.zone()));
            LOG.info("end of day: scheduled schedule={} zone={}", properties.schedule(), properties.zone());
        }
        running = true;
    }

    private void catchUp() {
        LocalDate yesterday = LocalDate.now(properties.zone()).minusDays(1);
        BusinessDate date = commands.businessDate();
        if (date.current() != null && (date.closing() != null || !date.current().isAfter(yesterday))) {
            endOfDay.start(yesterday);
        }
    }

    @Override
    public void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return ReactorRuntime.PHASE + 2;
    }
}
