package dev.corebank.bench.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run was measured on, recorded beside the numbers. It names hardware and software, never local paths.
 *
 * @param fsyncMillisP50 median time of an fdatasync after a 4 KiB append on the journal's file system, measured at
 *                       start; it bounds how often a group commit can complete
 */
public record MachineInfo(int cores, String cpuModel, double memoryGiB, String os, String jdk, String jvmOptions,
                          String journalFileSystem, double fsyncMillisP50, String postgres) {
    /** Appends in the fsync probe: enough for a stable median, few enough to take well under a second. */
    public static final int FSYNC_PROBES = 100;

    public static MachineInfo read(Path journalDirectory, String postgres) {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ")",
                readJvmOptions(), fileSystem(journalDirectory), fsyncMillisP50(journalDirectory), postgres);
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static double readMemoryGiB() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kibibytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return Math.round(kibibytes / 1024.0 / 1024.0 * 10) / 10.0;
            }
        }
        return Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024);
    }

    /** The heap and GC flags the JVM was started with; other flags could carry paths and are left out. */
    private static String readJvmOptions() {
        List<String> kept = new ArrayList<>();
        for (String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xm") || argument.startsWith("-XX:+Use") || argument.startsWith("-XX:Max")) {
                kept.add(argument);
            }
        }
        long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return (kept.isEmpty() ? "defaults" : String.join(" ", kept)) + ", max heap " + heapMiB + " MiB";
    }

    private static String fileSystem(Path directory) {
        try {
            Files.createDirectories(directory);
            FileStore store = Files.getFileStore(directory);
            return store.type();
        } catch (IOException failure) {
            return "unknown";
        }
    }

    private static double fsyncMillisP50(Path directory) {
        Path probe = null;
        try {
            Files.createDirectories(directory);
            probe = Files.createTempFile(directory, "fsync-probe-", ".bin");
            long[] nanos = new long[FSYNC_PROBES];
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                ByteBuffer block = ByteBuffer.allocate(4096);
                for (int index = 0; index < FSYNC_PROBES; index++) {
                    block.clear();
                    channel.write(block);
                    long started = System.nanoTime();
                    channel.force(false);
                    nanos[index] = System.nanoTime() - started;
                }
            }
            Arrays.sort(nanos);
            return Math.round(nanos[FSYNC_PROBES / 2] / 1e4) / 100.0;
        } catch (IOException failure) {
            return Double.NaN;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // A left-over probe file in a temporary directory changes nothing.
                }
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException failure) {
            return List.of();
        }
    }

    /** One line for the table header and the chart subtitle. */
    public String summary() {
        return String.format(Locale.ROOT, "%d cores %s, %.0f GiB, %s, journal on %s (fsync p50 %.2f ms)", cores,
                cpuModel, memoryGiB, jdk.replaceAll(" \\(.*\\)", ""), journalFileSystem, fsyncMillisP50);
    }
}
