package dev.corebank.server.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.projection.ReadModelDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AFTER_EFFECT checkpoint table, on the embedded default and on PostgreSQL, with the same SQL. */
class ReactorCheckpointsTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(ReadModelDatabase.Kind.class)
    void startsAtTheJournalsStartThenMovesForwardAndBackPerReactor(ReadModelDatabase.Kind kind) {
        try (ReadModelDatabase database = ReadModelDatabase.create(kind, directory)) {
            ReactorCheckpoints checkpoints = new ReactorCheckpoints(database.jdbc());
            assertThat(checkpoints.load("publisher")).isEqualTo(ReactorCheckpoint.START);

            checkpoints.store("publisher", new ReactorCheckpoint(7, 1_700_000_000_000_000_007L));
            checkpoints.store("webhooks", new ReactorCheckpoint(3, 1_700_000_000_000_000_003L));
            checkpoints.store("publisher", new ReactorCheckpoint(9, 1_700_000_000_000_000_009L));
            assertThat(checkpoints.load("publisher")).isEqualTo(new ReactorCheckpoint(9, 1_700_000_000_000_000_009L));

            // A rewind moves it back.
            checkpoints.store("publisher", new ReactorCheckpoint(2, 1_700_000_000_000_000_002L));
            assertThat(checkpoints.load("publisher").sequence()).isEqualTo(2);
            assertThat(checkpoints.load("webhooks").sequence()).isEqualTo(3);
            assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM reactor_checkpoints WHERE updated_at"
                    + " IS NOT NULL", Long.class)).isEqualTo(2);
        }
    }
}
