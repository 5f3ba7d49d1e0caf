package dev.corebank.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a {@link StorageFile} front to back as a stream; closing it does not close the file. */
final class StorageInput extends InputStream {
    private final StorageFile file;
    private long position;

    StorageInput(StorageFile file) {
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int read;
        do {
            read = file.read(ByteBuffer.wrap(bytes, offset, length), position);
        } while (read == 0);
        if (read > 0) {
            position += read;
        }
        return read;
    }
}
