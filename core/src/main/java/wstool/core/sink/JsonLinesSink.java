package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * One JSON object per line ({@link EventJson}), each line ended by a newline; lossless, read back by {@code replay}.
 * Lines are rendered by {@link JsonRows} into one reused char buffer and written in blocks of ~32 K characters, as
 * {@link CsvSink} does; {@link #flush} writes out what is buffered.
 * Not thread-safe: one thread (the pipeline's consumer) writes.
 */
public final class JsonLinesSink implements EventSink {
    private static final int BLOCK = 1 << 15;

    private final Writer out;
    private final JsonRows rows = new JsonRows();
    private final CharRow buf = new CharRow(BLOCK + 1024);

    public JsonLinesSink(Writer out) { this.out = out; }

    /** One line per event: no events, no bytes. */
    @Override
    public void accept(NetEvent e) throws IOException {
        rows.write(e, buf);
        buf.append('\n');
        if (buf.length() >= BLOCK) drain();
    }

    private void drain() throws IOException {
        if (buf.length() > 0) buf.writeTo(out, BLOCK + 1024);
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
            out.flush();
        } finally {
            out.close();
        }
    }
}
