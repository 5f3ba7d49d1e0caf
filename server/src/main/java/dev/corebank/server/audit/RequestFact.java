package dev.corebank.server.audit;

import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The journal fact for an authenticated state-changing request that wrote nothing else to the journal: refused
 * (forbidden, invalid, not found) or a repeat answered without change. Who asked, from where and through which
 * endpoint is in the entry's provenance; the fact adds how it was answered and which ids it named.
 *
 * <pre>
 * format u8 (1) | HTTP status u16 | outcome (UTF) | subject count u16 | subject ids 16 bytes each
 * </pre>
 */
record RequestFact(int status, String outcome, List<UUID> subjectIds) {
    private static final int FORMAT = 1;
    static final int OUTCOME_LENGTH_MAX = 64;

    RequestFact {
        subjectIds = List.copyOf(subjectIds);
        outcome = outcome.length() <= OUTCOME_LENGTH_MAX ? outcome : outcome.substring(0, OUTCOME_LENGTH_MAX);
    }

    Fact toFact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(status);
            out.writeUTF(outcome);
            out.writeShort(subjectIds.size());
            for (UUID id : subjectIds) {
                out.writeLong(id.getMostSignificantBits());
                out.writeLong(id.getLeastSignificantBits());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory cannot fail", impossible);
        }
        return new Fact(FactKinds.REQUEST_RECORDED, bytes.toByteArray());
    }

    static RequestFact of(Fact fact) {
        if (fact.kind() != FactKinds.REQUEST_RECORDED) {
            throw new IllegalArgumentException("not a request fact kind=" + fact.kind());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fact.body()))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown request fact format=" + format);
            }
            int status = in.readUnsignedShort();
            String outcome = in.readUTF();
            int count = in.readUnsignedShort();
            List<UUID> ids = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                ids.add(new UUID(in.readLong(), in.readLong()));
            }
            return new RequestFact(status, outcome, ids);
        } catch (IOException damaged) {
            throw new IllegalStateException("request fact does not decode", damaged);
        }
    }
}
