package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * A format sink (CSV, JSON Lines, ECS) writing into an {@link OutputFile}: each event is one whole row, the file is
 * moved into place when the job ends. When the job failed before a single event was written the existing file is
 * left as it was (nothing is gained by replacing it with an empty export).
 */
public final class FileExport implements EventSink {
    /** Builds the format sink over a writer (it may write a header there). */
    @FunctionalInterface
    public interface Format {
        EventSink open(Writer out) throws IOException;
    }

    private final OutputFile file;
    private final EventSink format;
    private boolean failed;

    public FileExport(OutputFile file, Format format) throws IOException {
        this.file = file;
        this.format = format.open(file.writer());
        this.format.flush();
        file.endHeader();
    }

    public OutputFile file() { return file; }

    /** Events written to the file (in the temporary file until the job ends). */
    public long eventsWritten() { return file.rowsWritten(); }

    @Override
    public void accept(NetEvent e) throws IOException {
        format.accept(e);
        format.flush();
        try {
            file.endRow();
        } catch (IOException ex) {
            failed = true;
            throw new IOException(ex.getMessage() + String.format(" (%,d events written to it)", file.rowsWritten()), ex);
        }
    }

    @Override
    public void flush() throws IOException {
        format.flush();
        file.flush();
    }

    /** Moves the file into place; after an error only when it holds at least one event. */
    @Override
    public void close() throws IOException {
        if (failed && file.rowsWritten() == 0) {
            file.close();
            return;
        }
        format.flush();
        file.commit();
    }

    /** The job failed before it started writing (e.g. the source could not be opened): keep what was there. */
    public void abandon() { file.close(); }
}
