package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The snapshotter's lowered CPU priority, read back from the kernel: only the calling thread's nice value moves. */
class ThreadNicenessTest {
    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        AtomicReference<String> outcome = new AtomicReference<>();
        AtomicReference<Integer> lowered = new AtomicReference<>();
        Thread background = new Thread(() -> {
            outcome.set(ThreadNiceness.lowerCurrentThread(10));
            lowered.set(niceOfCurrentThread());
        });
        int before = niceOfCurrentThread();
        background.start();
        background.join();
        assertThat(outcome.get()).as("why the priority was kept").isNull();
        assertThat(lowered.get()).isEqualTo(Math.min(19, before + 10));
        assertThat(niceOfCurrentThread()).as("the caller's own thread").isEqualTo(before);
    }

    @Test
    void refusesAValueThatWouldRaiseThePriority() {
        assertThatThrownBy(() -> ThreadNiceness.lowerCurrentThread(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadNiceness.lowerCurrentThread(20)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Field 19 of /proc/thread-self/stat, counted after the command name's closing parenthesis. */
    private static int niceOfCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
