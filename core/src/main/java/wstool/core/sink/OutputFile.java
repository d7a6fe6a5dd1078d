package wstool.core.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An export file written so that it is never seen half-done: the rows go to a temporary file in the same folder,
 * which {@link #commit()} moves over the target in one step (rename), so an existing file is replaced only by a
 * complete one. Rows are buffered whole: the bytes of a row reach the disk only together with its end
 * ({@link #endRow()}), and when a write fails (disk full) the file is cut back to the last complete row, so what
 * is committed holds every complete row and no partial one. Errors name the target file.
 * <p>
 * A target that exists and is not a regular file (a device such as /dev/null, a named pipe) is written directly.
 * One writer thread.
 */
public final class OutputFile implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK * 2);
    private final Writer writer = new OutputStreamWriter(new java.io.OutputStream() {
        @Override public void write(int b) { pending.write(b); }
        @Override public void write(byte[] b, int off, int len) { pending.write(b, off, len); }
    }, StandardCharsets.UTF_8);
    /** Bytes of {@link #pending} that end a complete row. */
    private int completeBytes;
    private long pendingRows;
    private long rowsWritten;
    private long bytesWritten;
    private IOException failure;
    private boolean finished;

    private OutputFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Creates the temporary file next to {@code target} (or opens a device target directly).
     *
     * @throws OutputProblem naming the file and why it cannot be written there
     */
    public static OutputFile create(Path target) throws OutputProblem {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new OutputProblem(target, "is a directory");
        Path dir = abs.getParent();
        if (dir == null) throw new OutputProblem(target, "names no file");
        if (!Files.isDirectory(dir)) {
            throw new OutputProblem(target, Files.exists(dir) ? dir + " is not a directory" : "the folder " + dir + " does not exist");
        }
        try {
            if (Files.exists(abs) && !Files.isRegularFile(abs)) {
                return new OutputFile(target, null, FileChannel.open(abs, StandardOpenOption.WRITE));
            }
            if (Files.exists(abs) && !Files.isWritable(abs)) throw new OutputProblem(target, "is read-only");
            Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new OutputFile(target, temp, ch);
        } catch (OutputProblem e) {
            throw e;
        } catch (IOException e) {
            throw new OutputProblem(target, "cannot be written in " + dir + " (" + reason(e) + ")");
        }
    }

    /** The file the rows end up in. */
    public Path target() { return target; }

    /** The temporary file being written (null for a device target). */
    public Path temp() { return temp; }

    /** Where a sink writes its text; nothing reaches the disk until {@link #endRow()}. */
    public Writer writer() { return writer; }

    /**
     * Everything written so far ends with whole rows: they may now go to the disk (in chunks).
     *
     * @throws IOException naming the file when writing fails (the file then holds the rows before the failed chunk)
     */
    public void endRow() throws IOException {
        writer.flush();
        completeBytes = pending.size();
        pendingRows++;
        if (completeBytes >= CHUNK) writeComplete();
    }

    /** As {@link #endRow()} for a header: complete, but not counted as a row. */
    public void endHeader() throws IOException {
        endRow();
        pendingRows--;
    }

    /** Rows on disk so far (in the temporary file until {@link #commit()}). */
    public long rowsWritten() { return rowsWritten; }

    /** The write error that stopped this file, or null. */
    public IOException failure() { return failure; }

    /** Writes the complete rows buffered so far. */
    public void flush() throws IOException {
        if (failure == null) writeComplete();
    }

    private void writeComplete() throws IOException {
        if (failure != null) throw failure;
        if (completeBytes == 0) return;
        ByteBuffer b = ByteBuffer.wrap(pending.toByteArray(), 0, completeBytes);
        try {
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            failure = new IOException("cannot write " + target + ": " + reason(e), e);
            try {
                if (temp != null) channel.truncate(bytesWritten); // back to the last complete row
            } catch (IOException ignored) {
                // the commit's size check below still sees the true length
            }
            throw failure;
        }
        bytesWritten += completeBytes;
        rowsWritten += pendingRows;
        pendingRows = 0;
        byte[] rest = pending.toByteArray();
        pending.reset();
        pending.write(rest, completeBytes, rest.length - completeBytes);
        completeBytes = 0;
    }

    /**
     * Writes the complete rows, makes them durable and moves the temporary file over the target. After a write
     * failure the rows written before it are committed (the failure is still reported by the caller).
     *
     * @throws IOException naming the file when it cannot be finished
     */
    public void commit() throws IOException {
        if (finished) return;
        finished = true;
        try {
            if (failure == null) writeComplete();
        } catch (IOException e) {
            // failure is set; the rows before it are kept below
        }
        try (FileChannel c = channel) {
            if (temp != null) {
                if (failure != null) c.truncate(bytesWritten);
                c.force(true);
            }
        } catch (IOException e) {
            discardTemp();
            throw new IOException("cannot finish " + target + ": " + reason(e), e);
        }
        if (temp == null) return;
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discardTemp();
            throw new IOException("cannot move the finished export into place as " + target + ": " + reason(e), e);
        }
    }

    /** Rows written or waiting to be: every row ended so far. */
    public long rowsEnded() { return rowsWritten + pendingRows; }

    /** Drops the temporary file without touching the target (the job never started, or failed before any row). */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the temporary file goes anyway
        }
        discardTemp();
    }

    private void discardTemp() {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a stray hidden .tmp file is all that is left
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) m = f.getReason();
        if (e instanceof java.nio.file.AccessDeniedException) m = "permission denied";
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** An output that cannot be used, found before anything is written: the file and the reason. */
    public static final class OutputProblem extends IOException {
        private final Path file;

        public OutputProblem(Path file, String problem) {
            super(file + " " + problem);
            this.file = file;
        }

        public Path file() { return file; }
    }
}
