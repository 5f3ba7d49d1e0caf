package dev.corebank.server.security;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.commands.Commands;
import java.time.temporal.ChronoUnit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API keys: every creation and revocation is journaled first, as a fact (see {@link ApiKeyFacts}), then applied to
 * the {@code api_keys} table, which is a projection: the key reactor rebuilds it from the journal when the read model
 * is lost, and applying a fact twice changes nothing. A key's secret is stored only as its SHA-256 hash: secrets are 256 random bits, so a
 * fast hash is as safe as a slow one and keeps the per-request check cheap. A caller's secret is looked up by its hash,
 * which also lets an operator choose the bootstrap admin key's secret.
 */
@Component
public final class ApiKeys {
    /** Secrets chosen by people (the bootstrap admin key) must be at least this long. */
    public static final int SECRET_LENGTH_MIN = 16;
    public static final int SECRET_LENGTH_MAX = 200;
    public static final int NAME_LENGTH_MAX = 100;
    private static final String SECRET_PREFIX = "cbk_";
    private static final String KEY_ID_PREFIX = "ck_";
    private static final int SECRET_BYTES = 32;
    private static final int KEY_ID_BYTES = 8;
    private static final String COLUMNS = "key_id, role, name, created_at, revoked_at, requests_per_second";

    private final JdbcClient jdbc;
    private final Commands commands;
    private final SecurityProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> checked = new ConcurrentHashMap<>();

    public ApiKeys(JdbcClient jdbc, Commands commands, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.properties = properties;
    }

    /** Creates a key with a new random secret. */
    public NewApiKey create(Role role, String name, Integer requestsPerSecond, Provenance provenance) {
        return createWithSecret(role, name, requestsPerSecond, SECRET_PREFIX + randomText(SECRET_BYTES), provenance);
    }

    /** Creates a key whose secret the caller chose, such as the bootstrap admin key from the environment. */
    public NewApiKey createWithSecret(Role role, String name, Integer requestsPerSecond, String secret,
                                      Provenance provenance) {
        checkSecret(secret);
        if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
            throw new IllegalArgumentException("a key name must be 1 to " + NAME_LENGTH_MAX + " characters");
        }
        if (requestsPerSecond != null && requestsPerSecond <= 0) {
            throw new IllegalArgumentException("requestsPerSecond must be positive requestsPerSecond="
                    + requestsPerSecond);
        }
        ApiKey key = new ApiKey(KEY_ID_PREFIX + randomHex(KEY_ID_BYTES), role, name,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, requestsPerSecond);
        String secretHash = hash(secret);
        // Journaled first: the table below is only a projection of the journal.
        commands.submit(new LedgerCommand.RecordFacts(List.of(ApiKeyFacts.created(key, secretHash))), provenance);
        try {
            applyCreated(jdbc, new ApiKeyFacts.Created(key, secretHash));
        } catch (org.springframework.dao.DuplicateKeyException appliedAlready) {
            // The key reactor applied the journaled fact in the same instant: the row is there, which is the point.
        }
        return new NewApiKey(key, secret);
    }

    /** Applies a creation to the table; a key already there is left as it is. */
    public static void applyCreated(JdbcClient jdbc, ApiKeyFacts.Created created) {
        ApiKey key = created.key();
        jdbc.sql("INSERT INTO api_keys (key_id, secret_hash, role, name, created_at, requests_per_second)"
                        + " SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE key_id = ?)")
                .params(key.keyId(), created.secretHash(), key.role().name(), key.name(),
                        OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC), key.requestsPerSecond(),
                        key.keyId())
                .update();
    }

    /** Applies a revocation to the table; revoking a revoked or unknown key changes nothing. */
    public static void applyRevoked(JdbcClient jdbc, ApiKeyFacts.Revoked revoked) {
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
                .params(OffsetDateTime.ofInstant(revoked.revokedAt(), ZoneOffset.UTC), revoked.keyId()).update();
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, key_id")
                .query((row, index) -> read(row)).list();
    }

    public Optional<ApiKey> find(String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?").param(keyId)
                .query((row, index) -> read(row)).optional();
    }

    /** Revokes the key; revoking a revoked key changes nothing. Empty when there is no such key. */
    public Optional<ApiKey> revoke(String keyId, Provenance provenance) {
        Optional<ApiKey> existing = find(keyId);
        if (existing.isEmpty() || !existing.get().active()) {
            return existing;
        }
        ApiKeyFacts.Revoked revoked = new ApiKeyFacts.Revoked(keyId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        commands.submit(new LedgerCommand.RecordFacts(List.of(ApiKeyFacts.revoked(keyId, revoked.revokedAt()))),
                provenance);
        applyRevoked(jdbc, revoked);
        // Forget every checked key rather than search for this one: revocations are rare, checks are not.
        checked.clear();
        return find(keyId);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single();
    }

    /** The active key with this secret, if there is one. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > SECRET_LENGTH_MAX) {
            return Optional.empty();
        }
        String hash = hash(secret);
        long now = System.nanoTime();
        Cached cached = checked.get(hash);
        if (cached != null && now - cached.checkedAtNanos < properties.keyCacheTtl().toNanos()) {
            return Optional.of(cached.key);
        }
        Optional<ApiKey> found = jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = ?"
                        + " AND revoked_at IS NULL")
                .param(hash).query((row, index) -> read(row)).optional();
        if (found.isPresent()) {
            if (checked.size() >= properties.keyCacheEntriesMax()) {
                checked.clear();
            }
            checked.put(hash, new Cached(found.get(), now));
        } else {
            checked.remove(hash);
        }
        return found;
    }

    private record Cached(ApiKey key, long checkedAtNanos) {
    }

    private static ApiKey read(java.sql.ResultSet row) throws java.sql.SQLException {
        OffsetDateTime revoked = row.getObject(5, OffsetDateTime.class);
        return new ApiKey(row.getString(1), Role.valueOf(row.getString(2)), row.getString(3),
                row.getObject(4, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant(),
                (Integer) row.getObject(6, Integer.class));
    }

    public static void checkSecret(String secret) {
        if (secret == null || secret.length() < SECRET_LENGTH_MIN || secret.length() > SECRET_LENGTH_MAX
                || !secret.chars().allMatch(character -> character > 0x20 && character < 0x7f)) {
            throw new IllegalArgumentException("an API key secret must be " + SECRET_LENGTH_MIN + " to "
                    + SECRET_LENGTH_MAX + " visible ASCII characters");
        }
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return java.util.HexFormat.of().formatHex(value);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JVM has SHA-256", missing);
        }
    }
}
