package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An interrupt that is not part of a stop fails the engine, so that no caller waits on a thread that is gone. */
class EngineInterruptTest {
    private static final long AWAIT_SECONDS = 30;

    @TempDir
    Path data;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ledger-engine", "ledger-sync"})
    void marksTheEngineFailedAndFailsCommandsWhenAThreadOfItIsInterrupted(String threadName) throws Exception {
        try (Opened opened = Opened.on(data, threadName)) {
            TestLedger ledger = opened.ledger();
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            Thread thread = opened.thread();

            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));

            assertThat(thread.isAlive()).as("the interrupted thread ended").isFalse();
            assertThat(ledger.engine().running()).isFalse();
            assertThat(ledger.engine().failure()).isNotNull();
            CompletableFuture<BatchResult> submitted = ledger.engine().createTransfers(
                    List.of(TransferBuilder.single(debit, credit, 1).build()), TraceId.NONE);
            assertThatThrownBy(() -> submitted.get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(LedgerUnavailableException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ledger-engine", "ledger-sync"})
    void failsTheCommandsAlreadyWaitingWhenAThreadOfTheEngineIsInterrupted(String threadName) throws Exception {
        try (Opened opened = Opened.on(data, threadName)) {
            TestLedger ledger = opened.ledger();
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            Thread thread = opened.thread();
            CountDownLatch submitting = new CountDownLatch(1);
            CompletableFuture<List<CompletableFuture<BatchResult>>> load = CompletableFuture.supplyAsync(() -> {
                List<CompletableFuture<BatchResult>> futures = new java.util.ArrayList<>();
                for (int index = 0; index < 2_000; index++) {
                    futures.add(ledger.engine().createTransfers(
                            List.of(TransferBuilder.single(debit, credit, 1).build()), TraceId.NONE));
                    if (index == 10) {
                        submitting.countDown();
                    }
                }
                return futures;
            });
            assertThat(submitting.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            thread.interrupt();

            List<CompletableFuture<BatchResult>> futures = load.get(AWAIT_SECONDS, TimeUnit.SECONDS);
            for (CompletableFuture<BatchResult> future : futures) {
                // Every command either was applied and made durable before the interrupt, or fails; none hangs.
                try {
                    future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException failed) {
                    assertThat(failed).hasCauseInstanceOf(LedgerUnavailableException.class);
                }
            }
            assertThat(ledger.engine().running()).isFalse();
        }
    }

    /** A fresh engine and its thread of the given name. */
    private record Opened(TestLedger ledger, Thread thread) implements AutoCloseable {
        static Opened on(Path data, String threadName) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            ManualClock clock = new ManualClock();
            TestLedger ledger = TestLedger.open(TestLedger.config(data, clock), clock);
            return new Opened(ledger, newThreadNamed(threadName, before));
        }

        @Override
        public void close() {
            ledger.close();
        }
    }

    /** The thread of that name that the engine just started: engines in other tests use the same names. */
    private static Thread newThreadNamed(String name, Set<Thread> before) {
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && !before.contains(thread))
                .collect(Collectors.toSet());
        assertThat(started).as("threads named " + name + " started by this engine").hasSize(1);
        return started.iterator().next();
    }
}
