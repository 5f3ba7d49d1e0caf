package dev.corebank.server.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corebank binary as its own operating-system process, started from the test classpath with a data directory and
 * environment of its choosing, so that a test can kill it the way a power cut would.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern API_LINE = Pattern.compile("^\\s*API:\\s+(http://\\S+)/v1\\s*$");
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(1);
    private volatile String baseUrl;

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server and waits until it prints where its API is. */
    public static ServerProcess start(Path dataDirectory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = javaCommand("dev.corebank.server.CorebankApplication");
        command.addAll(List.of(arguments));
        ServerProcess server = new ServerProcess(processBuilder(command, dataDirectory, environment).start());
        server.awaitReady();
        return server;
    }

    /**
     * Starts the server with extra JVM options and a class path of the caller's choosing (the test class path when
     * null), and returns at once: the caller waits with {@link #awaitReady(java.time.Duration)}, or kills it first.
     */
    public static ServerProcess launch(Path dataDirectory, Map<String, String> environment, List<String> jvmOptions,
                                       String classpath, String... arguments) throws IOException {
        List<String> command = javaCommand("dev.corebank.server.CorebankApplication");
        command.addAll(1, jvmOptions);
        if (classpath != null) {
            command.set(command.indexOf("-cp") + 1, classpath);
        }
        command.addAll(List.of(arguments));
        return new ServerProcess(processBuilder(command, dataDirectory, environment).start());
    }

    /**
     * Waits at most {@code timeout} for the server to print where its API is: true once it has, false while it is
     * still starting. A server that exits before it is ready is an {@link IllegalStateException} naming its code.
     */
    public boolean awaitReady(java.time.Duration timeout) throws InterruptedException {
        settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (baseUrl != null) {
            return true;
        }
        if (settled.getCount() == 0) {
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("server exited before it was ready code="
                    + (process.isAlive() ? "still running" : String.valueOf(process.exitValue())));
        }
        return false;
    }

    /** Waits at most {@code timeout} for the process to end by itself; its exit code, or -1 if it still runs. */
    public int awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : -1;
    }

    /** The operating system's id of the process. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Runs a command of the binary, such as {@code keys list}, to its end. */
    static Finished run(Path dataDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = javaCommand("dev.corebank.server.CorebankApplication");
        command.addAll(List.of(arguments));
        Process process = processBuilder(command, dataDirectory, Map.of()).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("command did not finish: " + command + "\n" + text);
        }
        return new Finished(process.exitValue(), text);
    }

    record Finished(int exitCode, String output) {
    }

    public String baseUrl() {
        return baseUrl;
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The CPU time the process has used so far, where the operating system tells it. */
    public java.util.Optional<java.time.Duration> cpu() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no final snapshot. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful shutdown. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        try {
            org.awaitility.Awaitility.await("the server printing its URL").atMost(java.time.Duration.ofSeconds(
                    START_TIMEOUT_SECONDS)).pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> baseUrl != null || !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            process.destroyForcibly();
            throw new IllegalStateException("server was not ready in time\n" + String.join("\n", output()), late);
        }
        if (baseUrl == null) {
            throw new IllegalStateException("server exited before it was ready code=" + process.exitValue()
                    + "\n" + String.join("\n", output()));
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher api = API_LINE.matcher(line);
                if (api.matches()) {
                    baseUrl = api.group(1);
                    settled.countDown();
                }
            }
        } catch (IOException closed) {
            // The process is gone; what it printed is kept.
        } finally {
            settled.countDown();
        }
    }

    private static List<String> javaCommand(String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath, mainClass));
    }

    private static ProcessBuilder processBuilder(List<String> command, Path dataDirectory,
                                                 Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("COREBANK_ADMIN_KEY");
        builder.environment().put("COREBANK_DATA_DIR", dataDirectory.toString());
        builder.environment().put("SERVER_PORT", "0");
        // A null value removes the variable the process would otherwise inherit.
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder;
    }
}
