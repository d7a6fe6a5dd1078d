package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * One JSON object per line ({@link EventJson}), each line ended by a newline; lossless, read back by {@code replay}.
 * Lines are rendered by {@link JsonRows} into {@link RowBlocks}, as {@link CsvSink}'s rows are; {@link #flush} writes
 * out what is buffered.
 * Not thread-safe: one thread (the pipeline's consumer) writes.
 */
public final class JsonLinesSink implements EventSink {
    private final RowBlocks blocks;
    private final JsonRows rows = new JsonRows();
    private final CharRow buf;

    public JsonLinesSink(Writer out) {
        this.blocks = new RowBlocks(out);
        this.buf = blocks.rows;
    }

    /** One line per event: no events, no bytes. */
    @Override
    public void accept(NetEvent e) throws IOException {
        rows.write(e, buf);
        buf.append('\n');
        blocks.rowDone();
    }

    @Override
    public void flush() throws IOException { blocks.flush(); }

    @Override
    public void close() throws IOException { blocks.close(); }
}
