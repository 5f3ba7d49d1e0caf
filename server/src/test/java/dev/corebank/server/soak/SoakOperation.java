package dev.corebank.server.soak;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One write the soak sends: a deposit, a transfer, a hold, or the post or void of a hold. Its id is chosen by the
 * client, so the same request can be sent again after a kill and the server must answer it with the original.
 *
 * @param pendingId the hold a post or void resolves; null otherwise
 * @param amount    minor units; for a void the hold's amount (the request itself carries none)
 * @param client    the client thread that owns it (-1 for the set-up)
 */
record SoakOperation(Kind kind, UUID id, UUID debitAccountId, UUID creditAccountId, long amount, UUID pendingId,
                     String reference, int client) {
    static final String LEDGER = "USD";
    static final int TRANSFER_CODE = 1101;
    static final int HOLD_CODE = 1201;

    enum Kind { DEPOSIT, TRANSFER, HOLD, POST, VOID }

    SoakOperation {
        if (amount < 1) {
            throw new IllegalArgumentException("an operation moves at least 1 amount=" + amount + " id=" + id);
        }
        if ((kind == Kind.POST || kind == Kind.VOID) != (pendingId != null)) {
            throw new IllegalArgumentException("a post or void names its hold, nothing else does kind=" + kind
                    + " pendingId=" + pendingId);
        }
    }

    /** The endpoint it is sent to. */
    String path() {
        return kind == Kind.DEPOSIT ? "/v1/deposits" : "/v1/transfers";
    }

    /** The request body: the same bytes every time it is sent, so a retry is the same request. */
    String json() {
        return switch (kind) {
            case DEPOSIT -> "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d,\"reference\":\"%s\"}"
                    .formatted(id, creditAccountId, amount, reference);
            case TRANSFER, HOLD -> ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,"
                    + "\"ledger\":\"%s\",\"code\":%d,\"flags\":%s,\"timeoutSeconds\":0,\"reference\":\"%s\"}")
                    .formatted(id, debitAccountId, creditAccountId, amount, LEDGER,
                            kind == Kind.HOLD ? HOLD_CODE : TRANSFER_CODE, kind == Kind.HOLD ? "[\"PENDING\"]" : "[]",
                            reference);
            case POST -> "{\"id\":\"%s\",\"pendingId\":\"%s\",\"flags\":[\"POST_PENDING\"],\"amount\":%d,\"reference\":\"%s\"}"
                    .formatted(id, pendingId, amount, reference);
            case VOID -> "{\"id\":\"%s\",\"pendingId\":\"%s\",\"flags\":[\"VOID_PENDING\"],\"reference\":\"%s\"}"
                    .formatted(id, pendingId, reference);
        };
    }

    /** A version-4 UUID drawn from the seeded random, so a seed names its ids. */
    static UUID idFrom(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
