package wstool.siem.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A bounded first-in-first-out file of messages (each a 4-byte big-endian length and the bytes) for while the
 * collector cannot be reached. Kept across runs: a spool left by an earlier run is sent first. Locked while open, so
 * two runs never share one. Not thread-safe: {@link Delivery} holds its lock around every call.
 */
final class Spool implements Closeable {
    private final Path file;
    private final long maxBytes;
    private final FileChannel ch;
    private final FileLock lock;
    private long readPos;
    private long size;

    Spool(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException("syslog spool " + file + " is in use by another ws_tool");
        }
        this.lock = l;
        this.size = completeRecords();
        ch.truncate(size); // a record cut short by a crash is dropped, the ones before it are kept
    }

    /** The length of the run of whole records from the start. */
    private long completeRecords() throws IOException {
        long pos = 0;
        long end = ch.size();
        ByteBuffer len = ByteBuffer.allocate(4);
        while (pos + 4 <= end) {
            len.clear();
            ch.read(len, pos);
            int n = len.flip().getInt();
            if (n < 0 || pos + 4 + n > end) break;
            pos += 4 + n;
        }
        return pos;
    }

    Path file() { return file; }

    boolean isEmpty() { return readPos >= size; }

    /** Bytes waiting to be sent. */
    long pending() { return size - readPos; }

    /** @return false when there is no room (the message is then not kept) */
    boolean append(byte[] msg) throws IOException {
        if (size + 4 + msg.length > maxBytes) return false;
        ByteBuffer b = ByteBuffer.allocate(4 + msg.length).putInt(msg.length).put(msg).flip();
        while (b.hasRemaining()) size += ch.write(b, size);
        return true;
    }

    /** Puts messages before everything unsent (messages that were older than the spooled ones, at shutdown). */
    void prependAll(java.util.List<byte[]> older) throws IOException {
        if (older.isEmpty()) return;
        byte[] rest = new byte[(int) (size - readPos)];
        ByteBuffer r = ByteBuffer.wrap(rest);
        while (r.hasRemaining() && ch.read(r, readPos + r.position()) >= 0) { /* read it all */ }
        ch.truncate(0);
        readPos = 0;
        size = 0;
        for (byte[] m : older) {
            ByteBuffer b = ByteBuffer.allocate(4 + m.length).putInt(m.length).put(m).flip();
            while (b.hasRemaining()) size += ch.write(b, size);
        }
        ByteBuffer b = ByteBuffer.wrap(rest);
        while (b.hasRemaining()) size += ch.write(b, size);
    }

    /** The oldest message not yet taken, or null. */
    byte[] peek() throws IOException {
        if (isEmpty()) return null;
        ByteBuffer len = ByteBuffer.allocate(4);
        ch.read(len, readPos);
        ByteBuffer msg = ByteBuffer.allocate(len.flip().getInt());
        while (msg.hasRemaining() && ch.read(msg, readPos + 4 + msg.position()) >= 0) { /* read it all */ }
        return msg.array();
    }

    /** Takes the message {@link #peek()} returned; an emptied spool is cut back to nothing. */
    void take(byte[] peeked) throws IOException {
        readPos += 4 + peeked.length;
        if (readPos >= size) {
            ch.truncate(0);
            readPos = 0;
            size = 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (readPos > 0 && !isEmpty()) compact();
        ch.force(false);
        lock.release();
        ch.close();
        if (size == 0) Files.deleteIfExists(file);
    }

    /** Moves the unsent rest to the front so that the next run starts at the right message. */
    private void compact() throws IOException {
        long n = size - readPos;
        ByteBuffer rest = ByteBuffer.allocate((int) n);
        while (rest.hasRemaining() && ch.read(rest, readPos + rest.position()) >= 0) { /* read it all */ }
        rest.flip();
        long at = 0;
        while (rest.hasRemaining()) at += ch.write(rest, at);
        ch.truncate(n);
        size = n;
        readPos = 0;
    }
}
