package dev.corebank.server.soak;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a soak runs.
 *
 * @param kills         SIGKILLs to deliver, at least 1
 * @param seed          decides the accounts, the operations and the kill moments
 * @param clients       client threads of the load
 * @param ratePerSecond requests per second of all clients together, at the most
 * @param aot           {@code auto}, {@code on} or {@code off}: start the server with a JDK AOT cache
 * @param work          where the data directory, the server logs and the summary go
 * @param progress      one line per kill and the summary (stderr for the command)
 */
record SoakOptions(int kills, long seed, int clients, double ratePerSecond, String aot, Path work,
                   Consumer<String> progress) {
    static final int CLIENTS_DEFAULT = 4;
    static final double RATE_PER_SECOND_DEFAULT = 100;
    static final int CLIENTS_MAX = 64;
    static final String USAGE = "usage: ./corebank soak --kills N [--seed S] [--clients C] [--rate PER_SECOND]"
            + " [--aot auto|on|off] [--work DIR]";

    SoakOptions {
        if (kills < 1) {
            throw new IllegalArgumentException("--kills must be a positive whole number kills=" + kills);
        }
        if (clients < 1 || clients > CLIENTS_MAX) {
            throw new IllegalArgumentException("--clients must be 1 to " + CLIENTS_MAX + " clients=" + clients);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be positive requests per second rate=" + ratePerSecond);
        }
        if (!List.of("auto", "on", "off").contains(aot)) {
            throw new IllegalArgumentException("--aot must be auto, on or off aot=" + aot);
        }
    }

    /** The command line's options; a bad one is an {@link IllegalArgumentException} saying which. */
    static SoakOptions parse(String[] arguments, Consumer<String> progress) {
        Map<String, String> given = new HashMap<>();
        for (int index = 0; index < arguments.length; index++) {
            String argument = arguments[index];
            if (!argument.startsWith("--") || index + 1 >= arguments.length) {
                throw new IllegalArgumentException("unknown or incomplete argument " + argument);
            }
            String name = argument.substring(2);
            if (!List.of("kills", "seed", "clients", "rate", "aot", "work").contains(name)) {
                throw new IllegalArgumentException("unknown option " + argument);
            }
            given.put(name, arguments[++index]);
        }
        if (!given.containsKey("kills")) {
            throw new IllegalArgumentException("--kills N is required");
        }
        long seed = given.containsKey("seed") ? number("seed", given.get("seed"))
                : new java.security.SecureRandom().nextLong();
        Path work = Path.of(given.getOrDefault("work", "target/soak/run-" + java.time.format.DateTimeFormatter
                .ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))));
        double rate;
        try {
            rate = Double.parseDouble(given.getOrDefault("rate", String.valueOf(RATE_PER_SECOND_DEFAULT)));
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("--rate must be a number rate=" + given.get("rate"));
        }
        return new SoakOptions(whole("kills", given.get("kills")), seed,
                whole("clients", given.getOrDefault("clients", String.valueOf(CLIENTS_DEFAULT))),
                rate, given.getOrDefault("aot", "auto"), work.toAbsolutePath(), progress);
    }

    private static int whole(String name, String value) {
        long number = number(name, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " is too large " + name + "=" + value);
        }
        return (int) number;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("--" + name + " must be a whole number " + name + "=" + value);
        }
    }
}
