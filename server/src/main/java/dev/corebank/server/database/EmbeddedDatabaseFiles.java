package dev.corebank.server.database;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of one embedded H2 database named by a {@code jdbc:h2:file:} URL, and of the guard around it. For the
 * default {@code <data>/readmodel/corebank}:
 *
 * <pre>
 * corebank.mv.db           the database
 * corebank.in-use          the mark: written once the database is open, deleted after it was shut down cleanly
 * corebank.unclean.sql     the committed rows of a database that was not shut down cleanly, as SQL (while copying)
 * corebank.copy.mv.db      the fresh database the script is loaded into (while copying)
 * corebank.copied.mv.db    the fresh database, complete and shut down, before it takes the database's place
 * corebank.unclean.mv.db   the database as the unclean stop left it, kept for inspection until the next copy
 * </pre>
 *
 * @param base the database's path without H2's {@code .mv.db} suffix
 * @param options the URL's settings after the path ({@code ;MODE=...}), empty or starting with {@code ;}
 */
public record EmbeddedDatabaseFiles(Path base, String options) {
    private static final String FILE_PREFIX = "jdbc:h2:file:";
    private static final String DATABASE_SUFFIX = ".mv.db";

    public EmbeddedDatabaseFiles {
        if (!options.isEmpty() && !options.startsWith(";")) {
            throw new IllegalArgumentException("H2 URL settings must start with ';' options=" + options);
        }
        if (base.getFileName() == null) {
            throw new IllegalArgumentException("an embedded database needs a file name base=" + base);
        }
    }

    /** The files of an H2 file database URL; empty for any other URL (PostgreSQL, H2 in memory or over TCP). */
    public static Optional<EmbeddedDatabaseFiles> of(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(FILE_PREFIX)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(FILE_PREFIX.length());
        int settings = rest.indexOf(';');
        String path = settings < 0 ? rest : rest.substring(0, settings);
        String options = settings < 0 ? "" : rest.substring(settings);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(new EmbeddedDatabaseFiles(Path.of(path).toAbsolutePath().normalize(), options));
    }

    public Path database() {
        return sibling(DATABASE_SUFFIX);
    }

    public Path mark() {
        return sibling(".in-use");
    }

    public Path script() {
        return sibling(".unclean.sql");
    }

    public Path copy() {
        return sibling(".copy" + DATABASE_SUFFIX);
    }

    public Path copied() {
        return sibling(".copied" + DATABASE_SUFFIX);
    }

    public Path unclean() {
        return sibling(".unclean" + DATABASE_SUFFIX);
    }

    public Path directory() {
        return base.getParent();
    }

    /** The URL of the database itself. */
    public String url() {
        return FILE_PREFIX + base + options;
    }

    /** The URL of the database opened for reading only, so the copy leaves the file as the unclean stop left it. */
    public String readOnlyUrl() {
        return url() + ";ACCESS_MODE_DATA=r";
    }

    /**
     * The URL of the fresh database the copy is loaded into: the same settings, another file, but H2's own write delay.
     * With {@code WRITE_DELAY=0} each of the script's statements writes its pages out at once, which made the load two
     * to three times slower and the loaded file twenty times its data (the soak's run 7); the copy is made durable
     * with an fsync before it takes the database's place, so it does not need a write per statement.
     */
    public String copyUrl() {
        StringBuilder settings = new StringBuilder();
        for (String setting : options.split(";")) {
            if (!setting.isEmpty() && !setting.toUpperCase(Locale.ROOT).startsWith("WRITE_DELAY=")) {
                settings.append(';').append(setting);
            }
        }
        return FILE_PREFIX + base + ".copy" + settings;
    }

    private Path sibling(String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
