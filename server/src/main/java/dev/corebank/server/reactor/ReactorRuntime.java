package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs every {@link Reactor}: one platform thread each, started in registration order after the engine has
 * recovered and before the web server takes requests, and stopped in reverse order after the web server has drained
 * (so requests waiting for a projection position during a graceful shutdown still see it move). Start refuses the
 * whole runtime when any reactor's checkpoint is from another journal.
 */
public final class ReactorRuntime implements SmartLifecycle {
    /**
     * Below the web server's phases (Spring Boot starts the server at DEFAULT_PHASE - 2048 and shuts it down
     * gracefully at DEFAULT_PHASE - 1024): lower phases start first and stop last.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    /** How long an operator's rewind waits for the reactor's thread to carry it out. */
    public static final long REWIND_WAIT_MILLIS_MAX = 30_000;
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final LedgerEngine engine;
    private final Map<String, Reactor> reactors = new LinkedHashMap<>();
    private final Map<String, ReactorTally> tallies = new LinkedHashMap<>();
    private final ReactorCheckpoints checkpoints;
    private final ReactorProperties properties;
    private final Clock clock;
    private volatile Map<String, ReactorWorker> workers = Map.of();
    private volatile boolean running;

    /**
     * @param checkpointsDatabase the database holding {@code reactor_checkpoints}, for AFTER_EFFECT reactors
     * @param clock               wall clock, for lag in seconds
     */
    public ReactorRuntime(LedgerEngine engine, List<Reactor> reactors, JdbcTemplate checkpointsDatabase,
                          ReactorProperties properties, Clock clock) {
        this.engine = engine;
        this.checkpoints = new ReactorCheckpoints(checkpointsDatabase);
        this.properties = properties;
        this.clock = clock;
        for (Reactor reactor : reactors) {
            register(reactor);
        }
    }

    private void register(Reactor reactor) {
        if (!NAME.matcher(reactor.name()).matches()) {
            throw new IllegalArgumentException("a reactor name is 1 to 64 lowercase letters, digits and dashes name="
                    + reactor.name());
        }
        if (reactors.containsKey(reactor.name())) {
            throw new IllegalArgumentException("two reactors have the same name name=" + reactor.name());
        }
        if (reactor.failurePolicy() == FailurePolicy.DEAD_LETTER && !reactor.keepsDeadLetters()) {
            throw new IllegalArgumentException("a DEAD_LETTER reactor must keep dead letters reactor="
                    + reactor.name());
        }
        reactors.put(reactor.name(), reactor);
        tallies.put(reactor.name(), new ReactorTally());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, ReactorWorker> started = new LinkedHashMap<>();
        try {
            for (Reactor reactor : reactors.values()) {
                ReactorWorker worker = new ReactorWorker(reactor, engine, checkpoints, properties, clock,
                        tallies.get(reactor.name()));
                worker.start();
                started.put(reactor.name(), worker);
            }
        } catch (RuntimeException refused) {
            stopAll(new ArrayList<>(started.values()));
            throw refused;
        }
        workers = Map.copyOf(started);
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        List<ReactorWorker> ordered = new ArrayList<>();
        for (String name : reactors.keySet()) {
            ordered.add(workers.get(name));
        }
        stopAll(ordered);
    }

    /** Signals every thread first, so they finish their runs together, then waits for them in reverse order. */
    private static void stopAll(List<ReactorWorker> inStartOrder) {
        List<ReactorWorker> reversed = new ArrayList<>(inStartOrder).reversed();
        reversed.forEach(ReactorWorker::signalStop);
        reversed.forEach(ReactorWorker::awaitStopped);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The registered reactors' names, in start order. */
    public List<String> names() {
        return List.copyOf(reactors.keySet());
    }

    public List<ReactorStatus> statuses() {
        return reactors.keySet().stream().map(name -> status(name).orElseThrow()).toList();
    }

    /** The reactor's status; empty when no reactor has this name. */
    public Optional<ReactorStatus> status(String name) {
        Reactor reactor = reactors.get(name);
        if (reactor == null) {
            return Optional.empty();
        }
        ReactorWorker worker = workers.get(name);
        if (worker != null) {
            return Optional.of(worker.status());
        }
        ReactorTally tally = tallies.get(name);
        return Optional.of(new ReactorStatus(name, ReactorState.STOPPED, 0, engine.committedPosition(),
                engine.committedPosition(), 0, tally.runs.get(), tally.failures.get(), tally.deadLetters.get(),
                tally.startRepairs.get(), null,
                reactor.checkpointMode(), reactor.failurePolicy(), reactor.rewindable(),
                reactor.requiredForReadiness()));
    }

    /** Stops applying entries after the current run, until resumed; the lag grows meanwhile. */
    public ReactorStatus pause(String name) {
        worker(name).pause();
        return status(name).orElseThrow();
    }

    public ReactorStatus resume(String name) {
        worker(name).resume();
        return status(name).orElseThrow();
    }

    /**
     * Pauses the reactor, lets it reset its effect after {@code position}, sets its checkpoint to {@code position}
     * and resumes it, so it applies the journal again from the entry after it. Waits for the reactor's thread.
     */
    public ReactorStatus rewind(String name, long position) {
        ReactorWorker worker = worker(name);
        if (!worker.reactor().rewindable()) {
            throw new IllegalStateException("this reactor cannot be rewound reactor=" + name);
        }
        ReactorStatus now = worker.status();
        if (position < 0 || position > now.position()) {
            throw new IllegalArgumentException("a rewind goes back from the reactor's position position=" + position
                    + " reactorPosition=" + now.position());
        }
        ReactorCheckpoint to;
        try (JournalReader reader = engine.openReader()) {
            to = JournalFence.at(position, reader);
        }
        worker.pause();
        try {
            worker.rewind(to).get(REWIND_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a rewind reactor=" + name, interrupted);
        } catch (ExecutionException failed) {
            worker.resume();
            if (failed.getCause() instanceof ReactorNotRunning notRunning) {
                throw notRunning;
            }
            throw new IllegalStateException("the reactor's rewind failed reactor=" + name + " cause="
                    + failed.getCause(), failed.getCause());
        } catch (TimeoutException late) {
            throw new ReactorNotRunning("the reactor did not carry out the rewind in time; it stays paused reactor="
                    + name + " waitMillis=" + REWIND_WAIT_MILLIS_MAX);
        }
        return status(name).orElseThrow();
    }

    private ReactorWorker worker(String name) {
        if (!reactors.containsKey(name)) {
            throw new IllegalArgumentException("no reactor has this name name=" + name);
        }
        ReactorWorker worker = workers.get(name);
        if (worker == null || !running) {
            throw new ReactorNotRunning("the reactor runtime is not running reactor=" + name);
        }
        return worker;
    }

    ReactorProperties properties() {
        return properties;
    }
}
