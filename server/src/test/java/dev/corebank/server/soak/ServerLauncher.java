package dev.corebank.server.soak;

import dev.corebank.server.api.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Starts the server for the soak, with a JDK AOT cache where the JDK has one (feature version 24 and later), since a
 * thousand restarts at a plain start's cost take hours. The cache is trained once per run by a start that exits as
 * soon as the application context is refreshed ({@code spring.context.exit=onRefresh}). A cache is only used with
 * the class path it was trained on, and the JDK archives classes from jar files only, so the server's class
 * directories are packed into jars first; the soak's own test classes are left out of the server's class path.
 */
final class ServerLauncher {
    /** How the server is started. */
    enum Mode { AOT_CACHE, PLAIN }

    private static final Duration TRAINING_MAX = Duration.ofMinutes(5);
    private static final int AOT_FEATURE_MIN = 24;
    private static final int AOT_ONE_STEP_FEATURE_MIN = 25;

    private final Mode mode;
    private final List<String> jvmOptions;
    private final String classpath;
    private final String description;

    private ServerLauncher(Mode mode, List<String> jvmOptions, String classpath, String description) {
        this.mode = mode;
        this.jvmOptions = jvmOptions;
        this.classpath = classpath;
        this.description = description;
    }

    /**
     * {@code aot}: {@code auto} (a cache where the JDK supports one), {@code on} (a cache, or fail) or {@code off}.
     * A cache whose training fails under {@code auto} falls back to plain starts, saying why.
     */
    static ServerLauncher prepare(String aot, Path work, Map<String, String> environment, Consumer<String> say)
            throws IOException, InterruptedException {
        int feature = Runtime.version().feature();
        if (aot.equals("off")) {
            return plain("plain JVM start (AOT cache turned off)");
        }
        if (feature < AOT_FEATURE_MIN) {
            if (aot.equals("on")) {
                throw new IllegalStateException("an AOT cache needs JDK " + AOT_FEATURE_MIN + " or later feature="
                        + feature);
            }
            return plain("plain JVM start (JDK " + feature + " has no AOT cache)");
        }
        Path directory = Files.createDirectories(work.resolve("aot"));
        String classpath = jarredClasspath(directory);
        Path cache = directory.resolve("server.aot");
        say.accept("training the JDK " + feature + " AOT cache (one start to the refreshed context) ...");
        long started = System.nanoTime();
        String failure = train(feature, directory, cache, classpath, environment);
        if (failure != null) {
            if (aot.equals("on")) {
                throw new IllegalStateException("AOT cache training failed: " + failure);
            }
            return plain("plain JVM start (AOT cache training failed: " + failure + ")");
        }
        return new ServerLauncher(Mode.AOT_CACHE, List.of("-XX:AOTCache=" + cache), classpath,
                "JDK " + feature + " AOT cache " + cache + " (" + Files.size(cache) / (1 << 20) + " MiB, trained in "
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s)");
    }

    private static ServerLauncher plain(String description) {
        return new ServerLauncher(Mode.PLAIN, List.of(), null, description);
    }

    ServerProcess launch(Path data, Map<String, String> environment, String... arguments) throws IOException {
        return ServerProcess.launch(data, environment, jvmOptions, classpath, arguments);
    }

    Mode mode() {
        return mode;
    }

    String description() {
        return description;
    }

    /** Null when the cache was written, else why not. */
    private static String train(int feature, Path directory, Path cache, String classpath,
                                Map<String, String> environment) throws IOException, InterruptedException {
        Path data = directory.resolve("training-data");
        List<List<String>> steps = new ArrayList<>();
        if (feature >= AOT_ONE_STEP_FEATURE_MIN) {
            steps.add(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"));
        } else {
            Path configuration = directory.resolve("server.aotconf");
            steps.add(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration,
                    "-Dspring.context.exit=onRefresh"));
            steps.add(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + cache, "-Dspring.context.exit=onRefresh"));
        }
        // The training start runs on its own embedded read model: pointed at the soak's external database (a
        // PostgreSQL read model), it would write there rows of a journal that is not the soak's.
        Map<String, String> trainingEnvironment = new java.util.HashMap<>(environment);
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            trainingEnvironment.put(name, null);
        }
        for (List<String> options : steps) {
            ServerProcess training = ServerProcess.launch(data, trainingEnvironment, options, classpath, "--no-demo");
            int exit = training.awaitExit(TRAINING_MAX);
            Files.write(directory.resolve("training.log"), training.output(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            if (exit != 0) {
                training.kill();
                return "exit=" + exit + " options=" + options + " (see " + directory.resolve("training.log") + ")";
            }
        }
        dev.corebank.server.api.ApiTestSupport.deleteTree(data);
        return Files.isRegularFile(cache) ? null : "no cache file written cache=" + cache;
    }

    /** The test class path with each class directory packed into a jar, and the test classes left out. */
    private static String jarredClasspath(Path directory) throws IOException {
        String current = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : current.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
            } else if (!path.getFileName().toString().equals("test-classes")) {
                Path module = path.toAbsolutePath().getParent().getParent();
                Path jar = directory.resolve("classes-" + index++ + (module == null || module.getFileName() == null
                        ? "" : "-" + module.getFileName()) + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }
}
