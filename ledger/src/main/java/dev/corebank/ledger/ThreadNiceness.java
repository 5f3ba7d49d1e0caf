package dev.corebank.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the CPU priority of the calling thread, as databases do for their background work (RocksDB, for one, nices
 * its compaction threads): on Linux a thread is a task with its own nice value, so a background thread can yield the
 * processor to the engine's threads whenever both want it, and still use every cycle nobody else wants. Java has no
 * API for it before the foreign-function API (final only in Java 22), so this asks {@code renice} for the thread's
 * task id, read from {@code /proc/thread-self}. Raising a nice value needs no privilege; lowering it again would, so it
 * is one way. Where either is missing (not Linux, no {@code renice}), the thread keeps its priority and the caller is
 * told.
 */
final class ThreadNiceness {
    private static final long RENICE_WAIT_SECONDS = 5;

    private ThreadNiceness() {
    }

    /**
     * Sets the calling thread's nice value to {@code niceness} (Linux: 0 is the default, 19 the lowest priority).
     * Returns null when it was set, else why not.
     */
    static String lowerCurrentThread(int niceness) {
        if (niceness < 1 || niceness > 19) {
            throw new IllegalArgumentException("a lowered nice value is in [1, 19] niceness=" + niceness);
        }
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return "no /proc/thread-self (not Linux)";
        }
        try {
            String taskId = Files.readSymbolicLink(self).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", taskId)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(RENICE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return "renice did not answer within " + RENICE_WAIT_SECONDS + " s";
            }
            return renice.exitValue() == 0 ? null : "renice exited with " + renice.exitValue();
        } catch (IOException failed) {
            return "renice could not run: " + failed.getMessage();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
