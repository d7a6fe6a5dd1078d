package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/** Plain line output ({@link TextFormat}) for when there is no TUI: pipes, files, --no-tui. */
public final class TextSink implements EventSink {
    private final Writer out;
    private final TextFormat format;

    public TextSink(Writer out, TextFormat format) {
        this.out = out;
        this.format = format;
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        out.write(format.format(e));
        out.write(System.lineSeparator());
    }

    @Override
    public void flush() throws IOException { out.flush(); }

    @Override
    public void close() throws IOException { out.flush(); }
}
