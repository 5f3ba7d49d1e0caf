package dev.corebank.ledger;

import java.util.HexFormat;

/** The 16-byte W3C trace id of the request that caused a journal entry; {@link #NONE} when there was none. */
public record TraceId(long high, long low) {
    public static final TraceId NONE = new TraceId(0, 0);

    /** Parses 32 lowercase or uppercase hex digits. */
    public static TraceId ofHex(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("trace id must be 32 hex digits traceId=" + hex);
        }
        return new TraceId(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    public boolean isNone() {
        return high == 0 && low == 0;
    }

    public String toHex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
