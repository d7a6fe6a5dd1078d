package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;

/**
 * Rows of one kind written into an {@link OutputFile}, the way every export file of a job is written: each row
 * whole, the file moved into place when the job ends ({@link #close()}, or {@link #closeAfterFailure()} when the job
 * failed: then with every complete row). When the job failed before it started writing ({@link #abandon()}) or
 * before a single row ({@link #closeAfterFailure()}), or writing failed before a single row, the existing file is
 * left as it was (nothing is gained by replacing it with an empty export). A job that ends well with no rows does
 * replace it (a CSV header alone, an empty JSON Lines file): that is its answer. The event exports
 * ({@link FileExport}) and the flows file go through here. One writer thread.
 *
 * @param <T> what a row is made of (an event, a flow)
 */
public final class RowExport<T> {
    /** Writes rows as text to the writer it was opened on. */
    public interface RowWriter<T> {
        void write(T row) throws IOException;

        /** Hands everything written so far on to the writer. */
        void flush() throws IOException;
    }

    /** Builds the row writer over a writer (it may write a header there). */
    @FunctionalInterface
    public interface Format<T> {
        RowWriter<T> open(Writer out) throws IOException;
    }

    private final OutputFile file;
    private final String rows;
    private final RowWriter<T> format;
    private boolean failed;
    /** Closed or abandoned: what happens to the file is decided. */
    private boolean ended;
    private boolean replaced;

    /**
     * @param rows what the rows are, for the error of a failed write ("events": "(1,234 events written to it)")
     * @throws IOException when the header cannot be written (the temporary file is then gone)
     */
    public RowExport(OutputFile file, String rows, Format<T> format) throws IOException {
        this.file = file;
        this.rows = rows;
        try {
            this.format = format.open(file.writer());
            this.format.flush();
            file.endHeader();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public OutputFile file() { return file; }

    /** Rows written to the file (in the temporary file until the job ends). */
    public long rowsWritten() { return file.rowsWritten(); }

    /** Writes one row; it reaches the disk whole or not at all. */
    public void write(T row) throws IOException {
        format.write(row);
        format.flush();
        try {
            file.endRow();
        } catch (IOException ex) {
            failed = true;
            throw new IOException(ex.getMessage() + String.format(" (%,d %s written to it)", file.rowsWritten(), rows), ex);
        }
    }

    public void flush() throws IOException {
        format.flush();
        file.flush();
    }

    /** Moves the file into place; after a write error only when it holds at least one row. */
    public void close() throws IOException {
        if (ended) return;
        if (failed && file.rowsWritten() == 0) {
            abandon();
            return;
        }
        ended = true;
        format.flush();
        file.commit();
        replaced = true;
    }

    /**
     * The job ended in failure (its source or another output failed): as {@link #close()} when the file holds a
     * row, else {@link #abandon()} (an export of no rows would only destroy the file it replaces).
     */
    public void closeAfterFailure() throws IOException {
        if (file.rowsEnded() == 0) abandon();
        else close();
    }

    /** The job failed before it started writing (e.g. the source could not be opened): keep what was there. */
    public void abandon() {
        ended = true;
        file.close();
    }

    /**
     * Whether the rows were moved over the target (false while the job runs, and when the target was left as it
     * was: abandoned, no row after a failure, or the file could not be finished).
     */
    public boolean replaced() { return replaced; }
}
