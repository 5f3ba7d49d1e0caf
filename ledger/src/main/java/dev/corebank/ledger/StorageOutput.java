package dev.corebank.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Writes a {@link StorageFile} front to back as a stream; closing it does not close or sync the file. */
final class StorageOutput extends OutputStream {
    private final StorageFile file;
    private long position;

    StorageOutput(StorageFile file) {
        this.file = file;
    }

    @Override
    public void write(int value) throws IOException {
        write(new byte[] {(byte) value}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
        while (source.hasRemaining()) {
            position += file.write(source, position);
        }
    }
}
