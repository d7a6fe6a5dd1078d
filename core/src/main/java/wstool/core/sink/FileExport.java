package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * A format sink (CSV, JSON Lines, ECS) writing into an {@link OutputFile}: each event is one whole row of a
 * {@link RowExport}, the file is moved into place when the job ends. When the job failed before a single event was
 * written ({@link #abandon()}, {@link #closeAfterFailure()}) the existing file is left as it was (nothing is gained by
 * replacing it with an empty export).
 */
public final class FileExport implements EventSink {
    /** Builds the format sink over a writer (it may write a header there). */
    @FunctionalInterface
    public interface Format {
        EventSink open(Writer out) throws IOException;
    }

    private final RowExport<NetEvent> rows;

    public FileExport(OutputFile file, Format format) throws IOException {
        this.rows = new RowExport<>(file, "events", out -> rows(format.open(out)));
    }

    private static RowExport.RowWriter<NetEvent> rows(EventSink sink) {
        return new RowExport.RowWriter<>() {
            @Override public void write(NetEvent e) throws IOException { sink.accept(e); }

            @Override public void flush() throws IOException { sink.flush(); }
        };
    }

    public OutputFile file() { return rows.file(); }

    /** Events written to the file (in the temporary file until the job ends). */
    public long eventsWritten() { return rows.rowsWritten(); }

    @Override
    public void accept(NetEvent e) throws IOException { rows.write(e); }

    @Override
    public void flush() throws IOException { rows.flush(); }

    /** Moves the file into place; after a write error only when it holds at least one event. */
    @Override
    public void close() throws IOException { rows.close(); }

    /** The job failed: moves the file into place when it holds at least one event, else keeps what was there. */
    @Override
    public void closeAfterFailure() throws IOException { rows.closeAfterFailure(); }

    /** The job failed before it started writing (e.g. the source could not be opened): keep what was there. */
    public void abandon() { rows.abandon(); }

    /** Whether the events replaced the file ({@link RowExport#replaced()}). */
    public boolean replaced() { return rows.replaced(); }
}
