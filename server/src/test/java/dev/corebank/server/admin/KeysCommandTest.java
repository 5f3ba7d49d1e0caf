package dev.corebank.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.commands.FactKinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./corebank keys} on a stopped server's data directory journals every key change before it applies it. */
class KeysCommandTest {
    @TempDir
    Path data;

    @AfterEach
    void forgetTheDataDirectory() {
        System.clearProperty("corebank.data-directory");
    }

    @Test
    void journalsACreatedAndARevokedKeyAndListsThem() {
        System.setProperty("corebank.data-directory", data.toString());
        Run created = run("create", "--role", "teller", "--name", "branch 7 till");
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher keyId = Pattern.compile("(ck_[0-9a-f]{16})").matcher(created.out());
        assertThat(keyId.find()).as(created.out()).isTrue();
        assertThat(created.out()).contains("secret: cbk_");

        Run revoked = run("revoke", keyId.group(1));
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        Run listed = run("list");
        assertThat(listed.out()).contains(keyId.group(1), "branch 7 till");

        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data));
             JournalReader reader = engine.openReader()) {
            List<JournalEntry> entries = reader.read(1, JournalReader.READ_ENTRIES_MAX);
            List<Integer> kinds = entries.stream().flatMap(entry -> entry.events().stream())
                    .filter(LedgerEvent.FactRecorded.class::isInstance)
                    .map(event -> ((LedgerEvent.FactRecorded) event).fact().kind()).toList();
            assertThat(kinds).containsExactly(FactKinds.API_KEY_CREATED, FactKinds.API_KEY_REVOKED);
            assertThat(entries.getLast().provenance().endpoint()).isEqualTo("corebank keys revoke");
            assertThat(entries.getLast().provenance().role()).isEqualTo("system");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = KeysCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
