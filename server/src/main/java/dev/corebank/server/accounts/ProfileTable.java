package dev.corebank.server.accounts;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Profile;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.reactor.TableReactor;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code account_profiles} read model's rows, for the {@code profiles} reactor (a {@link TableReactor}): every
 * account's name and customer, decrypted from the journal, for queries by customer. The engine holds the profiles themselves; this table can be dropped and rebuilt. An erasure
 * fact clears every row sealed under the erased key, and a rebuild after it finds the key gone and keeps them clear.
 */
final class ProfileTable implements TableReactor.Rows {
    static final String NAME = "profiles";

    private final JdbcTemplate jdbc;
    private final ProfileCipher cipher;

    ProfileTable(JdbcTemplate jdbc, ProfileCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Only opened accounts, changed profiles and erasures give rows: a transfer's entry is skipped. */
    @Override
    public boolean concerns(JournalEntry entry) {
        for (LedgerEvent event : entry.events()) {
            boolean concerning = switch (event) {
                case LedgerEvent.AccountOpened opened -> true;
                case LedgerEvent.ProfileChanged changed -> true;
                case LedgerEvent.FactRecorded recorded -> recorded.fact().kind() == FactKinds.PERSONAL_DATA_ERASED;
                default -> false;
            };
            if (concerning) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void apply(List<JournalEntry> run) {
        for (JournalEntry entry : run) {
            for (LedgerEvent event : entry.events()) {
                switch (event) {
                    case LedgerEvent.AccountOpened opened -> write(opened.account().id(), opened.profile(), entry);
                    case LedgerEvent.ProfileChanged changed -> write(changed.accountId(), changed.profile(), entry);
                    case LedgerEvent.FactRecorded recorded
                            when recorded.fact().kind() == FactKinds.PERSONAL_DATA_ERASED ->
                            erase(ErasureFact.keyId(recorded.fact()), entry.sequence());
                    default -> {
                    }
                }
            }
        }
    }

    private void write(UUID accountId, Profile profile, JournalEntry entry) {
        ProfileCipher.Fields fields = cipher.open(accountId, profile);
        UUID keyId = ProfileCipher.keyIdOf(profile).orElse(null);
        jdbc.update("DELETE FROM account_profiles WHERE account_id = ?", accountId);
        jdbc.update("INSERT INTO account_profiles (account_id, name, customer_id, created_at, key_id, erased,"
                        + " updated_sequence) VALUES (?, ?, ?, ?, ?, ?, ?)", accountId, fields.name(),
                fields.customerId(), OffsetDateTime.ofInstant(dev.corebank.server.commands.EngineTime.instant(
                        entry.timestamp()), ZoneOffset.UTC), keyId, fields.erased(), entry.sequence());
    }

    private void erase(UUID keyId, long sequence) {
        jdbc.update("UPDATE account_profiles SET name = NULL, customer_id = NULL, erased = TRUE, updated_sequence = ?"
                + " WHERE key_id = ?", sequence, keyId);
    }

    /** The fact that a customer's personal data was erased: the key id only, never the customer id in clear. */
    static final class ErasureFact {
        private ErasureFact() {
        }

        static dev.corebank.ledger.Fact of(UUID keyId) {
            return new dev.corebank.ledger.Fact(FactKinds.PERSONAL_DATA_ERASED, ByteBuffer.allocate(16)
                    .putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits()).array());
        }

        static UUID keyId(dev.corebank.ledger.Fact fact) {
            ByteBuffer body = ByteBuffer.wrap(fact.body());
            return new UUID(body.getLong(), body.getLong());
        }
    }
}
