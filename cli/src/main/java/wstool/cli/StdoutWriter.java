package wstool.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text for stdout, through the command's PrintWriter (which hides write errors): after every chunk its error flag is
 * checked, and a closed stdout (EPIPE: the reader, e.g. {@code head}, is gone) ends the job with
 * {@link ExitCodes.StdoutClosed}. Closing flushes and leaves the stream open for the summary.
 */
final class StdoutWriter extends Writer {
    private final PrintWriter out;

    private StdoutWriter(PrintWriter out) { this.out = out; }

    /** Buffered in chunks of 64 KiB, each checked. */
    static Writer of(PrintWriter out) { return new java.io.BufferedWriter(new StdoutWriter(out), 1 << 16); }

    @Override
    public void write(char[] cbuf, int off, int len) {
        out.write(cbuf, off, len);
        check();
    }

    @Override
    public void flush() { check(); }

    @Override
    public void close() { check(); }

    private void check() {
        if (out.checkError()) throw new ExitCodes.StdoutClosed();
    }
}
