package dev.corebank.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes on byte arrays, the byte order of every corebank file format. */
final class Bytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static void putShort(byte[] buffer, int offset, int value) {
        SHORT.set(buffer, offset, (short) value);
    }

    static int getUnsignedShort(byte[] buffer, int offset) {
        return Short.toUnsignedInt((short) SHORT.get(buffer, offset));
    }

    static void putInt(byte[] buffer, int offset, int value) {
        INT.set(buffer, offset, value);
    }

    static int getInt(byte[] buffer, int offset) {
        return (int) INT.get(buffer, offset);
    }

    static void putLong(byte[] buffer, int offset, long value) {
        LONG.set(buffer, offset, value);
    }

    static long getLong(byte[] buffer, int offset) {
        return (long) LONG.get(buffer, offset);
    }
}
