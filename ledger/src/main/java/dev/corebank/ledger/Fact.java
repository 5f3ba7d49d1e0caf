package dev.corebank.ledger;

import java.util.Arrays;

/**
 * Something the bank must remember that is not money: an API key created, a role changed, a request refused before it
 * reached the ledger. The engine journals a fact in order with everything else and does not interpret it; the server
 * owns the {@code kind} numbers and the body's encoding, and rebuilds its own stores from the journaled facts. This is
 * how "nothing is written anywhere before the journal" holds for security and audit state too.
 *
 * @param kind a number the server assigns to a kind of fact, in [1, 65535]
 * @param body the fact's encoding, at most {@link #BODY_BYTES_MAX} bytes
 */
public record Fact(int kind, byte[] body) {
    public static final int BODY_BYTES_MAX = 2048;
    public static final int KIND_MAX = 0xFFFF;

    public Fact {
        if (kind < 1 || kind > KIND_MAX) {
            throw new IllegalArgumentException("fact kind out of range kind=" + kind + " kindMax=" + KIND_MAX);
        }
        if (body.length > BODY_BYTES_MAX) {
            throw new IllegalArgumentException("fact body too large bytes=" + body.length + " bytesMax="
                    + BODY_BYTES_MAX);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fact fact && fact.kind == kind && Arrays.equals(fact.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * kind + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Fact[kind=" + kind + " bytes=" + body.length + "]";
    }
}
