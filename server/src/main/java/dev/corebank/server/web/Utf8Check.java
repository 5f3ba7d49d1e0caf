package dev.corebank.server.web;

/**
 * Checks bytes for well-formed UTF-8 as they stream past (RFC 3629, table 3-7 of the Unicode standard): no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF, no stray or missing continuation bytes. Constant state, no
 * buffering, so a body of any size is checked as it is read.
 */
final class Utf8Check {
    private static final int CONTINUATION_LOWER = 0x80;
    private static final int CONTINUATION_UPPER = 0xBF;

    private int continuationsNeeded;
    private int nextLower = CONTINUATION_LOWER;
    private int nextUpper = CONTINUATION_UPPER;
    private long offset;

    /** Checks the next bytes; throws at the first byte that cannot be part of well-formed UTF-8. */
    void accept(byte[] buffer, int from, int length) throws BodyNotUtf8Exception {
        int end = from + length;
        for (int index = from; index < end; index++) {
            int value = buffer[index] & 0xFF;
            if (continuationsNeeded == 0 && value < 0x80) {
                continue;
            }
            if (!next(value)) {
                throw new BodyNotUtf8Exception(offset + (index - from));
            }
        }
        offset += length;
    }

    void accept(int value) throws BodyNotUtf8Exception {
        if (!next(value)) {
            throw new BodyNotUtf8Exception(offset);
        }
        offset++;
    }

    /** At the end of the body: a character cut off by the end is malformed too. */
    void end() throws BodyNotUtf8Exception {
        if (continuationsNeeded != 0) {
            throw new BodyNotUtf8Exception(offset);
        }
    }

    private boolean next(int value) {
        if (continuationsNeeded > 0) {
            if (value < nextLower || value > nextUpper) {
                return false;
            }
            continuationsNeeded--;
            nextLower = CONTINUATION_LOWER;
            nextUpper = CONTINUATION_UPPER;
            return true;
        }
        if (value < 0x80) {
            return true;
        }
        if (value >= 0xC2 && value <= 0xDF) {
            return expect(1, CONTINUATION_LOWER, CONTINUATION_UPPER);
        }
        if (value == 0xE0) {
            return expect(2, 0xA0, CONTINUATION_UPPER);
        }
        if (value == 0xED) {
            return expect(2, CONTINUATION_LOWER, 0x9F);
        }
        if (value >= 0xE1 && value <= 0xEF) {
            return expect(2, CONTINUATION_LOWER, CONTINUATION_UPPER);
        }
        if (value == 0xF0) {
            return expect(3, 0x90, CONTINUATION_UPPER);
        }
        if (value >= 0xF1 && value <= 0xF3) {
            return expect(3, CONTINUATION_LOWER, CONTINUATION_UPPER);
        }
        if (value == 0xF4) {
            return expect(3, CONTINUATION_LOWER, 0x8F);
        }
        return false;
    }

    private boolean expect(int continuations, int lower, int upper) {
        continuationsNeeded = continuations;
        nextLower = lower;
        nextUpper = upper;
        return true;
    }
}
