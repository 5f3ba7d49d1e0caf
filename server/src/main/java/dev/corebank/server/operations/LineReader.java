package dev.corebank.server.operations;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an import file: split at {@code \n}, a {@code \r} before it dropped, decoded as strict UTF-8. A final
 * line break ends the last line rather than starting an empty one. A line longer than {@code lineBytesMax} is returned
 * as {@link Line#tooLong()} without its text, and reading goes on after its end: it costs no memory.
 */
final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final int lineBytesMax;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean ended;

    /** One line: its text, or none when it was too long or not UTF-8. */
    record Line(String text, boolean tooLong, boolean notUtf8) {
    }

    LineReader(InputStream in, int lineBytesMax) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.lineBytesMax = lineBytesMax;
    }

    /** The next line, or null after the last one. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        line.reset();
        boolean tooLong = false;
        boolean any = false;
        int value;
        while ((value = in.read()) >= 0) {
            any = true;
            if (value == '\n') {
                return line(tooLong);
            }
            if (line.size() < lineBytesMax + 1) {
                line.write(value);
            } else {
                tooLong = true;
            }
        }
        ended = true;
        return any ? line(tooLong) : null;
    }

    private Line line(boolean tooLong) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > lineBytesMax) {
            return new Line(null, true, false);
        }
        try {
            CharBuffer text = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length));
            return new Line(text.toString(), false, false);
        } catch (CharacterCodingException notText) {
            return new Line(null, false, true);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
