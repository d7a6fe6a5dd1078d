package wstool.correlate;

import java.io.Closeable;
import wstool.core.sink.RowExport;

/** Where finished flows are written: the rows of the --flows file (a {@link RowExport}), the full-screen view's list. */
public interface FlowOutput extends RowExport.RowWriter<Flow>, Closeable {
    FlowOutput NONE = new FlowOutput() {
        @Override public void write(Flow flow) { }
        @Override public void flush() { }
        @Override public void close() { }
    };
}
