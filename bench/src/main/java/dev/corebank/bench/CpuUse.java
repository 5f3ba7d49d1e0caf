package dev.corebank.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU the load used while it ran: this benchmark's own process (the client, with its worker threads) and, when the
 * system is a process of its own, the server's. On two shared cores a heavy client would take the server's CPU, so
 * the issue asks for the client's use beside every HTTP result.
 */
final class CpuUse {
    private final Optional<ProcessHandle> server;
    private final long startedNanos;
    private final long clientStartNanos;
    private final long serverStartNanos;

    private CpuUse(Optional<ProcessHandle> server) {
        this.server = server;
        this.startedNanos = System.nanoTime();
        this.clientStartNanos = clientNanos();
        this.serverStartNanos = serverNanos(server);
    }

    static CpuUse start(Optional<ProcessHandle> server) {
        return new CpuUse(server);
    }

    /** One line: each process's CPU in cores over the run, and per transfer sent and answered. */
    String stop(long transfers) {
        double wallSeconds = (System.nanoTime() - startedNanos) / 1e9;
        long client = clientNanos() - clientStartNanos;
        StringBuilder line = new StringBuilder("cpu during load: client ").append(describe(client, wallSeconds,
                transfers));
        if (server.isPresent()) {
            long serverUsed = serverNanos(server) - serverStartNanos;
            line.append(", server ").append(describe(serverUsed, wallSeconds, transfers));
        }
        return line.toString();
    }

    private static String describe(long cpuNanos, double wallSeconds, long transfers) {
        return String.format(Locale.ROOT, "%.2f cores (%,.0f us per transfer)", cpuNanos / 1e9 / wallSeconds,
                transfers == 0 ? 0.0 : cpuNanos / 1e3 / transfers);
    }

    private static long clientNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long serverNanos(Optional<ProcessHandle> server) {
        return server.flatMap(process -> process.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }
}
