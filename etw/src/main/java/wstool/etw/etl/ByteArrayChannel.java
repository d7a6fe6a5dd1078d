package wstool.etw.etl;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only {@link SeekableByteChannel} over a byte array (in-memory .etl data: benchmarks, tests, live copies). */
public final class ByteArrayChannel implements SeekableByteChannel {
    private final byte[] data;
    private int position;
    private boolean open = true;

    public ByteArrayChannel(byte[] data) { this.data = data; }

    @Override
    public int read(ByteBuffer dst) {
        if (position >= data.length) return -1;
        int n = Math.min(dst.remaining(), data.length - position);
        dst.put(data, position, n);
        position += n;
        return n;
    }

    @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
    @Override public long position() { return position; }

    @Override
    public SeekableByteChannel position(long p) {
        if (p < 0) throw new IllegalArgumentException("negative position");
        position = (int) Math.min(p, data.length);
        return this;
    }

    @Override public long size() { return data.length; }
    @Override public SeekableByteChannel truncate(long size) { throw new NonWritableChannelException(); }
    @Override public boolean isOpen() { return open; }
    @Override public void close() { open = false; }
}
