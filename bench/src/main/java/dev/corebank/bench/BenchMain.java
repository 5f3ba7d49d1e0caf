package dev.corebank.bench;

/** Entry point of {@code ./corebank bench}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] arguments) {
        System.err.println("corebank bench: not built yet");
        System.exit(2);
    }
}
