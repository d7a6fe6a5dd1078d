package wstool.correlate;

import java.io.Closeable;
import java.io.IOException;

/** Where finished flows are written. */
public interface FlowOutput extends Closeable {
    FlowOutput NONE = new FlowOutput() {
        @Override public void write(Flow flow) { }
        @Override public void flush() { }
        @Override public void close() { }
    };

    void write(Flow flow) throws IOException;

    void flush() throws IOException;
}
