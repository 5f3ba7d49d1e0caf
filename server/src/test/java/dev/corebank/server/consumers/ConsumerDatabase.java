package dev.corebank.server.consumers;

import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** An in-memory H2 database with corebank's migrations, for consumer tests that need no application. */
final class ConsumerDatabase {
    final JdbcTemplate jdbc;
    final DeadLetterStore deadLetters;

    ConsumerDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:consumers-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        deadLetters = new DeadLetterStore(jdbc);
    }

    DedupMarks marks(String consumer) {
        return new DedupMarks(consumer, jdbc, Clock.systemUTC());
    }
}
