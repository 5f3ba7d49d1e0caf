package dev.corebank.server.accounts;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code account_profiles} table. */
@Component
final class AccountProfiles {
    /** Ids per IN list, well below the bind-parameter limits of H2 and PostgreSQL. */
    private static final int IDS_PER_STATEMENT_MAX = 1000;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    AccountProfiles(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    Map<UUID, AccountProfile> find(Collection<UUID> ids) {
        Map<UUID, AccountProfile> found = new HashMap<>();
        for (List<UUID> chunk : chunks(ids)) {
            jdbc.sql("SELECT account_id, name, customer_id FROM account_profiles WHERE account_id IN (:ids)")
                    .param("ids", chunk)
                    .query((row, index) -> new AccountProfile(row.getObject(1, UUID.class), row.getString(2),
                            row.getString(3)))
                    .list()
                    .forEach(profile -> found.put(profile.accountId(), profile));
        }
        return found;
    }

    /** Writes the profiles, replacing any row left for the same ids, all or none. */
    void replace(List<AccountProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        transaction.executeWithoutResult(status -> {
            delete(profiles.stream().map(AccountProfile::accountId).toList());
            jdbcTemplate.batchUpdate("INSERT INTO account_profiles (account_id, name, customer_id, created_at)"
                            + " VALUES (?, ?, ?, ?)", profiles, IDS_PER_STATEMENT_MAX,
                    (statement, profile) -> {
                        statement.setObject(1, profile.accountId());
                        statement.setString(2, profile.name());
                        statement.setString(3, profile.customerId());
                        statement.setObject(4, now);
                    });
        });
    }

    void delete(Collection<UUID> ids) {
        for (List<UUID> chunk : chunks(ids)) {
            jdbc.sql("DELETE FROM account_profiles WHERE account_id IN (:ids)").param("ids", chunk).update();
        }
    }

    private static List<List<UUID>> chunks(Collection<UUID> ids) {
        List<UUID> all = List.copyOf(ids);
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT_MAX) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT_MAX)));
        }
        return chunks;
    }
}
