package dev.corebank.bench.systems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The corebank server as a child process on a free loopback port, with a temporary data directory and a generated
 * admin key. It is stopped on close, and killed by a shutdown hook if the benchmark itself is stopped or fails, so a
 * run never leaves a server behind.
 */
public final class ServerProcess implements AutoCloseable {
    public static final long START_TIMEOUT_SECONDS = 180;
    public static final long STOP_TIMEOUT_SECONDS = 30;
    private static final long HEALTH_POLL_MILLIS = 250;
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * The per-key rate limit is lifted for the benchmark key: it is a guard against a misbehaving client, not a
     * capacity, and left at its default it would measure the limiter rather than the server.
     */
    public static final String RATE_LIMIT_LIFTED = "100000000";

    /** Lines of the server's log kept in the results directory; the whole log can be gigabytes after a long run. */
    public static final int LOG_LINES_KEPT = 2000;

    private final Process process;
    private final Path workDirectory;
    private final Path logFile;
    private final Path keptLogFile;
    private final URI baseUri;
    private final String adminKey;
    private final Thread killer;

    private ServerProcess(Process process, Path workDirectory, Path logFile, Path keptLogFile, URI baseUri,
                          String adminKey) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.logFile = logFile;
        this.keptLogFile = keptLogFile;
        this.baseUri = baseUri;
        this.adminKey = adminKey;
        this.killer = new Thread(process::destroyForcibly, "bench-server-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts the jar and waits until {@code /actuator/health} answers 200; throws, with the log's tail, if not. The
     * log's last {@link #LOG_LINES_KEPT} lines are copied to {@code keptLogFile} when the server stops.
     */
    public static ServerProcess start(Path jar, List<String> javaOptions, Path dataRoot, Path keptLogFile)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("server jar not found; build it with ./mvnw -pl server package jar=" + jar);
        }
        Files.createDirectories(dataRoot);
        Path workDirectory = Files.createTempDirectory(dataRoot, "corebank-bench-server-");
        Path dataDirectory = Files.createDirectories(workDirectory.resolve("data"));
        Path logFile = workDirectory.resolve("server.log");
        int port = freeLoopbackPort();
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String adminKey = "bench-" + HexFormat.of().formatHex(key);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--no-demo"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", LOOPBACK);
        builder.environment().put("COREBANK_DATA_DIR", dataDirectory.toString());
        builder.environment().put("COREBANK_ADMIN_KEY", adminKey);
        builder.environment().put("COREBANK_SECURITY_REQUESTSPERSECOND", RATE_LIMIT_LIFTED);
        builder.environment().put("COREBANK_SECURITY_BURSTREQUESTSMAX", RATE_LIMIT_LIFTED);
        builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
        ServerProcess server = new ServerProcess(builder.start(), workDirectory, logFile, keptLogFile,
                URI.create("http://" + LOOPBACK + ":" + port), adminKey);
        try {
            server.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException failure) {
            server.close();
            throw failure;
        }
        return server;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited during start exitCode=" + process.exitValue() + "\n" + logTail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet: keep polling until the deadline.
            }
            TimeUnit.MILLISECONDS.sleep(HEALTH_POLL_MILLIS);
        }
        throw new IOException("server not healthy within startTimeoutSeconds=" + START_TIMEOUT_SECONDS + "\n"
                + logTail());
    }

    /** The last lines of the server's log, for error messages. */
    public String logTail() {
        return String.join("\n", lastLines(30));
    }

    private List<String> lastLines(int count) {
        ArrayDeque<String> kept = new ArrayDeque<>(count);
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.ISO_8859_1)) {
            lines.forEach(line -> {
                if (kept.size() == count) {
                    kept.removeFirst();
                }
                kept.addLast(line);
            });
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of("(server log unreadable: " + unreadable.getMessage() + ")");
        }
        return List.copyOf(kept);
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public URI baseUri() {
        return baseUri;
    }

    public String adminKey() {
        return adminKey;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills the process, which is what close wants anyway.
        }
        try {
            Files.write(keptLogFile, lastLines(LOG_LINES_KEPT), StandardCharsets.ISO_8859_1);
        } catch (IOException unwritable) {
            // The log tail is a convenience; the run's results do not depend on it.
        }
        Directories.deleteQuietly(workDirectory);
    }
}
