package dev.corebank.server.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Roles as the API and the command line spell them: lowercase, for example {@code teller}. */
public final class Roles {
    private Roles() {
    }

    public static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(Role.values()).filter(role -> role.name().equalsIgnoreCase(text.strip())).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(Role.values()).map(Roles::name).toList());
    }
}
