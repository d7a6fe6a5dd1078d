package wstool.core.replay;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 lines (ended by \n or \r\n) of at most a given length, decoded one by one so that a decoding error belongs
 * to its line, and a huge line fails instead of filling the heap.
 */
final class LineReader implements Closeable {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int end;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line without its terminator, or null at the end.
     *
     * @throws TooLong for a line above the limit
     * @throws CharacterCodingException for a line that is not UTF-8
     */
    String readLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? decode() : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') pos++;
            if (line.size() + (pos - start) > maxBytes) throw new TooLong();
            line.write(buf, start, pos - start);
            if (pos < end) {
                pos++;
                return decode();
            }
        }
    }

    private String decode() throws CharacterCodingException {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return utf8.decode(ByteBuffer.wrap(b, 0, n)).toString();
    }

    @Override
    public void close() throws IOException { in.close(); }

    /** A line longer than the limit. */
    static final class TooLong extends IOException {
        TooLong() { super("line too long"); }
    }
}
