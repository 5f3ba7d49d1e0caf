package dev.corebank.ledger;

/**
 * Encodes text as UTF-8 straight into a buffer, byte for byte what {@code String.getBytes(UTF_8)} gives (an unpaired
 * surrogate becomes {@code '?'}), without the array that {@code getBytes} allocates: a transfer's reference is
 * journaled on the engine thread's hot path.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Writes {@code text} at {@code offset}; returns the offset after it. The caller has checked that it fits. */
    static int encode(String text, byte[] buffer, int offset) {
        int length = text.length();
        for (int index = 0; index < length; index++) {
            char unit = text.charAt(index);
            if (unit < 0x80) {
                buffer[offset++] = (byte) unit;
            } else if (unit < 0x800) {
                buffer[offset++] = (byte) (0xC0 | unit >> 6);
                buffer[offset++] = (byte) (0x80 | unit & 0x3F);
            } else if (!Character.isSurrogate(unit)) {
                buffer[offset++] = (byte) (0xE0 | unit >> 12);
                buffer[offset++] = (byte) (0x80 | unit >> 6 & 0x3F);
                buffer[offset++] = (byte) (0x80 | unit & 0x3F);
            } else if (Character.isHighSurrogate(unit) && index + 1 < length
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                int codePoint = Character.toCodePoint(unit, text.charAt(++index));
                buffer[offset++] = (byte) (0xF0 | codePoint >> 18);
                buffer[offset++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[offset++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[offset++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                buffer[offset++] = (byte) '?';
            }
        }
        return offset;
    }
}
