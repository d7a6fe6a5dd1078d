package wstool.etw.etl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds small .etl files in the on-disk layout the reader expects (x64, QPC clock at 10 MHz). */
final class EtlFileBuilder {
    static final long START_QPC = 1_000_000L;
    static final long START_FILETIME = 133_000_000_000_000_000L;
    final int bufferSize;
    private final List<byte[]> buffers = new ArrayList<>();
    private ByteBuffer current;
    private int cpu;
    private long sequence;

    EtlFileBuilder(int bufferSize) {
        this.bufferSize = bufferSize;
        ByteBuffer hdr = ByteBuffer.allocate(32 + 280 + 8).order(ByteOrder.LITTLE_ENDIAN);
        byte[] loggerName = "TestLogger\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] fileName = "C:\\t.etl\0".getBytes(StandardCharsets.UTF_16LE);
        int size = 32 + 280 + loggerName.length + fileName.length;
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) 2).put((byte) 2).put((byte) 0xC0).putShort((short) size).putShort((short) 0)
                .putInt(11).putInt(22).putLong(START_QPC).putInt(0).putInt(0);
        int h = 32;
        r.putInt(h, bufferSize).put(h + 4, (byte) 10).put(h + 5, (byte) 0).putInt(h + 8, 19041).putInt(h + 12, 2)
                .putLong(h + 16, START_FILETIME + 50_000_000L).putInt(h + 24, 156250).putInt(h + 36, 3)
                .putInt(h + 44, 8).putInt(h + 52, 2400)
                .putLong(h + 256, 10_000_000L).putLong(h + 264, START_FILETIME).putInt(h + 272, 1);
        r.position(h + 280);
        r.put(loggerName).put(fileName);
        startBuffer();
        record(r.array());
    }

    private void startBuffer() {
        if (current != null) buffers.add(finish(current));
        current = ByteBuffer.allocate(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        current.position(72);
    }

    private byte[] finish(ByteBuffer b) {
        int filled = b.position();
        b.putInt(0, bufferSize).putInt(4, filled).putInt(48, filled).putShort(54, (short) 1);
        b.put(40, (byte) cpu).putLong(24, sequence++);
        return b.array();
    }

    /** Appends a record (padded to 8), starting a new buffer when it does not fit. */
    EtlFileBuilder record(byte[] rec) {
        int padded = (rec.length + 7) & ~7;
        if (current.position() + padded > bufferSize) startBuffer();
        current.put(rec);
        current.position(current.position() + padded - rec.length);
        return this;
    }

    EtlFileBuilder newBuffer() { startBuffer(); return this; }

    /** Starts a new buffer filled by processor {@code cpuNumber}. */
    EtlFileBuilder newBuffer(int cpuNumber) {
        if (current != null) buffers.add(finish(current));
        cpu = cpuNumber;
        current = ByteBuffer.allocate(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        current.position(72);
        return this;
    }

    /** EVENT_HEADER record; ext = {type, data} pairs. */
    EtlFileBuilder event(UUID provider, int id, int version, int opcode, long pid, long qpc, byte[] payload, Object... ext) {
        ByteArrayOutputStream extBytes = new ByteArrayOutputStream();
        for (int i = 0; i < ext.length; i += 2) {
            byte[] d = (byte[]) ext[i + 1];
            ByteBuffer e = ByteBuffer.allocate((8 + d.length + 7) & ~7).order(ByteOrder.LITTLE_ENDIAN);
            e.putShort((short) 0).putShort((short) (int) (Integer) ext[i]).putShort((short) (i + 2 < ext.length ? 1 : 0))
                    .putShort((short) d.length).put(d);
            extBytes.writeBytes(e.array());
        }
        int size = 80 + extBytes.size() + payload.length;
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) size).put((byte) 0x13).put((byte) 0xC0).putShort((short) (ext.length > 0 ? 1 : 0))
                .putShort((short) 0).putInt(7).putInt((int) pid).putLong(qpc);
        r.putInt((int) (provider.getMostSignificantBits() >>> 32)).putShort((short) (provider.getMostSignificantBits() >>> 16))
                .putShort((short) provider.getMostSignificantBits());
        r.order(ByteOrder.BIG_ENDIAN).putLong(provider.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) id).put((byte) version).put((byte) 0).put((byte) 4).put((byte) opcode).putShort((short) 0)
                .putLong(0).putLong(0).putLong(0).putLong(0);
        r.put(extBytes.toByteArray()).put(payload);
        return record(r.array());
    }

    /** A record with a type-1 style header (size at offset 4): system 2, compact 4, perfinfo 0x11. */
    EtlFileBuilder sizedAt4(int headerType, int headerLen, int payloadLen) {
        int size = headerLen + payloadLen;
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) 2).put((byte) headerType).put((byte) 0xC0).putShort((short) size).putShort((short) 0x0A0A);
        return record(r.array());
    }

    /** A record with its size at offset 0: full header 0x14, instance 0x15, timed 0x0C. */
    EtlFileBuilder sizedAt0(int headerType, int headerLen, int payloadLen) {
        int size = headerLen + payloadLen;
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) size).put((byte) headerType).put((byte) 0xC0);
        return record(r.array());
    }

    EtlFileBuilder rawBytes(byte[] b) { return record(b); }

    /** NT Kernel Logger Process record (SYSTEM64 header, group 3). */
    EtlFileBuilder kernelProcess(int type, int version, long pid, String image, boolean withSid) {
        return kernelProcess(type, version, pid, image, withSid, 0, START_QPC);
    }

    /** Process record with an ExitStatus and a timestamp (type 2 = End). */
    EtlFileBuilder kernelProcess(int type, int version, long pid, String image, boolean withSid, int exitStatus, long qpc) {
        ByteArrayOutputStream pl = new ByteArrayOutputStream();
        ByteBuffer f = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        f.putLong(0xffffa00000001000L).putInt((int) pid).putInt(4).putInt(1).putInt(exitStatus).putLong(0x1aa000L);
        if (version >= 4) f.putInt(0);
        if (withSid) {
            f.putLong(0xffffc00000000010L).putLong(0);
            f.put((byte) 1).put((byte) 1).put(new byte[]{0, 0, 0, 0, 0, 5}).putInt(18);
        } else {
            f.putInt(0);
        }
        pl.write(f.array(), 0, f.position());
        pl.writeBytes((image + "\0").getBytes(StandardCharsets.ISO_8859_1));
        pl.writeBytes((image + " --flag\0").getBytes(StandardCharsets.UTF_16LE));
        int size = 32 + pl.size();
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        r.putShort((short) version).put((byte) 2).put((byte) 0xC0).putShort((short) size).putShort((short) (0x0300 | type))
                .putInt(1).putInt((int) pid).putLong(qpc).putInt(0).putInt(0).put(pl.toByteArray());
        return record(r.array());
    }

    /**
     * The file with every buffer but {@code keepPlain} stored as compressed buffers are: LogFileMode
     * EVENT_TRACE_COMPRESSED_MODE, BufferFlag 0x40, BufferSize = size on disk, SavedOffset = filled; the records
     * encoded as MS-XCA Plain LZ77 (literals, and offset-1 matches of 3..9 bytes for runs of a byte).
     */
    byte[] buildCompressed(int keepPlain) {
        byte[] plainFile = build();
        ByteBuffer.wrap(plainFile).order(ByteOrder.LITTLE_ENDIAN).putInt(72 + 32 + 32, 0x04000000); // LogFileMode
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i * bufferSize < plainFile.length; i++) {
            ByteBuffer b = ByteBuffer.wrap(plainFile, i * bufferSize, bufferSize).slice().order(ByteOrder.LITTLE_ENDIAN);
            int filled = b.getInt(4);
            if (i == keepPlain) {
                out.write(plainFile, i * bufferSize, bufferSize);
                continue;
            }
            byte[] body = lz77(plainFile, i * bufferSize + 72, filled - 72);
            ByteBuffer h = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
            h.put(plainFile, i * bufferSize, 72);
            h.putInt(0, 72 + body.length).putShort(0x34, (short) (h.getShort(0x34) | 0x40));
            out.writeBytes(h.array());
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] lz77(byte[] in, int off, int len) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = 0, count = 0;
        for (int i = 0; i < len; ) {
            int run = 0;
            while (i > 0 && run < 9 && i + run < len && in[off + i + run] == in[off + i - 1]) run++;
            if (run >= 3) {
                flags |= 1 << (31 - count);
                items.write(run - 3); // offset 1: (1 - 1) << 3 | length code
                items.write(0);
                i += run;
            } else {
                items.write(in[off + i++]);
            }
            if (++count == 32) {
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(flags).array());
                out.writeBytes(items.toByteArray());
                items.reset();
                flags = 0;
                count = 0;
            }
        }
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(flags).array());
        out.writeBytes(items.toByteArray());
        return out.toByteArray();
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : buffers) out.writeBytes(b);
        out.writeBytes(finish(current));
        byte[] all = out.toByteArray();
        // BuffersWritten in the logfile header
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(72 + 32 + 36, all.length / bufferSize);
        return all;
    }
}
