package wstool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import wstool.etw.etl.EtlEventSource;

/** A one-line progress bar on stderr for reading big files; only when a terminal is attached. */
final class TerminalProgress implements EtlEventSource.Progress {
    static final long MIN_SIZE = 64L << 20;
    private final PrintWriter err;
    private int shown = -1;

    private TerminalProgress(PrintWriter err) { this.err = err; }

    /** A progress bar for files of 64 MiB and more when a terminal is attached, else null. */
    static EtlEventSource.Progress forFile(Path file, PrintWriter err) throws IOException {
        return System.console() != null && Files.size(file) >= MIN_SIZE ? new TerminalProgress(err) : null;
    }

    @Override
    public void update(long position, long size) {
        int pct = size <= 0 ? 100 : (int) Math.min(100, position * 100 / size);
        if (pct == shown) return;
        shown = pct;
        int bar = pct / 4;
        err.print("\r[" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + pct + "% of " + (size >> 20) + " MiB");
        if (pct == 100) err.print("\r" + " ".repeat(50) + "\r");
        err.flush();
    }
}
