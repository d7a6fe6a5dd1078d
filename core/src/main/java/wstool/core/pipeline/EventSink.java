package wstool.core.pipeline;

import java.io.Closeable;
import java.io.IOException;
import wstool.core.model.NetEvent;

/** Receives the events that passed the filters, in order, on the pipeline's consumer thread. */
public interface EventSink extends Closeable {
    void accept(NetEvent event) throws IOException;

    /** Makes everything accepted so far durable (written to the file or terminal). */
    void flush() throws IOException;

    /** Flushes and releases the sink. */
    @Override
    void close() throws IOException;

    /**
     * Flushes and releases the sink at the end of a job that failed (a source or an output failed, or the job reported
     * a failure of its own, e.g. its full-screen view's): a file export that holds no row then leaves the file it
     * would have replaced as it was, since an export of nothing would only destroy it; one that holds rows is written
     * as by {@link #close()}. By default {@link #close()}.
     */
    default void closeAfterFailure() throws IOException {
        close();
    }
}
