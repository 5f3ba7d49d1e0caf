package dev.corebank.server.accounts;

import dev.corebank.ledger.FileStorage;
import dev.corebank.server.ledger.LedgerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The keys that encrypt personal data in account profiles, one per customer (or, for an account without a customer,
 * one per account), in files under {@code <data directory>/keys}. A key is made durable (written, fsynced, renamed into
 * place, directory fsynced) before any profile encrypted with it is journaled, so a journaled profile always has its
 * key until the key is destroyed on purpose.
 *
 * <p>Destroying a key is how corebank erases personal data from an append-only journal: the encrypted profiles stay
 * where they are, so the hash chain still verifies, but nobody can read them again. Keys are never in the journal,
 * and backups of this directory must be kept apart from backups of the journal (see docs/operations.md).
 */
@Component
public final class CustomerKeys {
    static final int KEY_BYTES = 32;
    private static final String SUFFIX = ".key";

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<UUID, byte[]> cache = new ConcurrentHashMap<>();

    CustomerKeys(LedgerProperties properties) {
        this.directory = properties.dataDirectory().resolve("keys");
    }

    /** The id of the key for a customer's data, derived from the customer id so that it needs no index. */
    static UUID keyIdOfCustomer(String customerId) {
        return UUID.nameUUIDFromBytes(("customer:" + customerId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The id of the key for the data of an account that belongs to no customer. */
    static UUID keyIdOfAccount(UUID accountId) {
        return UUID.nameUUIDFromBytes(("account:" + accountId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The key, made durable first if it did not exist. */
    synchronized byte[] keyOrCreate(UUID keyId) {
        Optional<byte[]> existing = key(keyId);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        write(keyId, key);
        cache.put(keyId, key);
        return key;
    }

    /** The key, or empty when it never existed or was destroyed. */
    Optional<byte[]> key(UUID keyId) {
        byte[] cached = cache.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            byte[] stored = Files.readAllBytes(file(keyId));
            if (stored.length != KEY_BYTES) {
                throw new IllegalStateException("customer key file has the wrong size file=" + file(keyId)
                        + " bytes=" + stored.length);
            }
            cache.put(keyId, stored);
            return Optional.of(stored);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read customer key file=" + file(keyId), failure);
        }
    }

    /** Destroys the key for good; true when there was one. */
    synchronized boolean destroy(UUID keyId) {
        cache.remove(keyId);
        try {
            boolean deleted = Files.deleteIfExists(file(keyId));
            syncDirectory();
            return deleted;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot destroy customer key file=" + file(keyId), failure);
        }
    }

    private void write(UUID keyId, byte[] key) {
        Path target = file(keyId);
        try {
            Files.createDirectories(directory);
            FileStorage.INSTANCE.replaceDurably(target, key);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write customer key file=" + target, failure);
        }
    }

    private void syncDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path file(UUID keyId) {
        return directory.resolve(keyId + SUFFIX);
    }
}
