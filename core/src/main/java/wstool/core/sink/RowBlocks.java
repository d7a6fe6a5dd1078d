package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;

/**
 * Where the CSV and JSON Lines sinks format their rows: one reused {@link CharRow}, written to the Writer in blocks
 * of ~32 K characters rather than row by row. Not thread-safe.
 */
final class RowBlocks {
    private static final int BLOCK = 1 << 15;

    private final Writer out;
    /** The rows not written yet; a sink appends its next row here. */
    final CharRow rows = new CharRow(BLOCK + 1024);

    RowBlocks(Writer out) { this.out = out; }

    /** After a row: writes the block once it is full. */
    void rowDone() throws IOException {
        if (rows.length() >= BLOCK) drain();
    }

    private void drain() throws IOException {
        if (rows.length() > 0) rows.writeTo(out, BLOCK + 1024);
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    void close() throws IOException {
        try {
            drain();
            out.flush();
        } finally {
            out.close();
        }
    }
}
