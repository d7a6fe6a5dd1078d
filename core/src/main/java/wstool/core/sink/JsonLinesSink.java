package wstool.core.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/** One JSON object per line ({@link EventJson}), each line ended by a newline; lossless, read back by {@code replay}. */
public final class JsonLinesSink implements EventSink {
    private final JsonGenerator g;
    private final JsonRows rows = new JsonRows();

    public JsonLinesSink(Writer out) throws IOException {
        this.g = EventJson.FACTORY.createGenerator(out);
        g.setPrettyPrinter(new MinimalPrettyPrinter(""));
    }

    /** One line per event, ended at once: no events, no bytes; a line is complete as soon as it is written. */
    @Override
    public void accept(NetEvent e) throws IOException {
        rows.write(e, g);
        g.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException { g.flush(); }

    @Override
    public void close() throws IOException { g.close(); }
}
