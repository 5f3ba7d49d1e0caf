package dev.corebank.server.security;

import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * API key changes as journal facts, and back. The secret never appears: a created key's fact holds the SHA-256 hash
 * of its secret, which is all the server ever stores.
 *
 * <pre>
 * created (kind 1): format u8 (1) | key id | role | name | secret hash (64 hex) | created at (epoch ms i64)
 *                   | requests per second i32 (0 for the default)      (texts: DataOutputStream UTF)
 * revoked (kind 2): format u8 (1) | key id | revoked at (epoch ms i64)
 * </pre>
 */
public final class ApiKeyFacts {
    private static final int FORMAT = 1;

    private ApiKeyFacts() {
    }

    /** A key as its creation fact describes it. */
    public record Created(ApiKey key, String secretHash) {
    }

    /** A revocation as its fact describes it. */
    public record Revoked(String keyId, Instant revokedAt) {
    }

    static Fact created(ApiKey key, String secretHash) {
        return write(FactKinds.API_KEY_CREATED, out -> {
            out.writeUTF(key.keyId());
            out.writeUTF(key.role().name());
            out.writeUTF(key.name());
            out.writeUTF(secretHash);
            out.writeLong(key.createdAt().toEpochMilli());
            out.writeInt(key.requestsPerSecond() == null ? 0 : key.requestsPerSecond());
        });
    }

    static Fact revoked(String keyId, Instant revokedAt) {
        return write(FactKinds.API_KEY_REVOKED, out -> {
            out.writeUTF(keyId);
            out.writeLong(revokedAt.toEpochMilli());
        });
    }

    /** The creation a fact records, if it is one. */
    public static Optional<Created> asCreated(Fact fact) {
        if (fact.kind() != FactKinds.API_KEY_CREATED) {
            return Optional.empty();
        }
        return Optional.of(read(fact, in -> {
            String keyId = in.readUTF();
            Role role = Role.valueOf(in.readUTF());
            String name = in.readUTF();
            String hash = in.readUTF();
            Instant createdAt = Instant.ofEpochMilli(in.readLong());
            int rate = in.readInt();
            return new Created(new ApiKey(keyId, role, name, createdAt, null, rate == 0 ? null : rate), hash);
        }));
    }

    /** The revocation a fact records, if it is one. */
    public static Optional<Revoked> asRevoked(Fact fact) {
        if (fact.kind() != FactKinds.API_KEY_REVOKED) {
            return Optional.empty();
        }
        return Optional.of(read(fact, in -> new Revoked(in.readUTF(), Instant.ofEpochMilli(in.readLong()))));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static Fact write(int kind, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory cannot fail", impossible);
        }
        return new Fact(kind, bytes.toByteArray());
    }

    private static <T> T read(Fact fact, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fact.body()))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown API key fact format=" + format + " kind=" + fact.kind());
            }
            return reader.read(in);
        } catch (IOException damaged) {
            throw new IllegalStateException("API key fact does not decode kind=" + fact.kind(), damaged);
        }
    }
}
