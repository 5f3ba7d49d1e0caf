package dev.corebank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The directory {@code results/<timestamp>/} of one run, and the files written into it. */
final class ResultsDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** How long an external converter may take to turn the SVG into a PNG. */
    private static final long CONVERT_TIMEOUT_SECONDS = 60;

    private final Path directory;

    private ResultsDirectory(Path directory) {
        this.directory = directory;
    }

    static ResultsDirectory create(Path root) throws IOException {
        Path directory = root.resolve(LocalDateTime.now().format(STAMP));
        int suffix = 1;
        while (Files.exists(directory)) {
            directory = root.resolve(LocalDateTime.now().format(STAMP) + "-" + suffix++);
        }
        Files.createDirectories(directory);
        return new ResultsDirectory(directory);
    }

    Path path() {
        return directory;
    }

    Path file(String name) {
        return directory.resolve(name);
    }

    void writeText(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content);
    }

    /**
     * Renders the SVG to a PNG beside it when a converter is installed (rsvg-convert, else headless Chromium); returns
     * the PNG, or null when there is none. The SVG alone is a complete result.
     */
    Path pngOf(String svgName, int width, int height) {
        Path svg = directory.resolve(svgName);
        Path png = directory.resolve(svgName.replaceAll("\\.svg$", ".png"));
        if (onPath("rsvg-convert")) {
            run(List.of("rsvg-convert", "--background-color=white", "-o", png.toString(), svg.toString()));
        } else {
            for (String browser : List.of("chromium", "chromium-browser", "google-chrome")) {
                if (onPath(browser)) {
                    run(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--disable-background-networking", "--disable-component-update", "--no-first-run",
                            "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                            svg.toAbsolutePath().toUri().toString()));
                    break;
                }
            }
        }
        return Files.isRegularFile(png) ? png : null;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(CONVERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException failure) {
            // No PNG then; the SVG is already written.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
