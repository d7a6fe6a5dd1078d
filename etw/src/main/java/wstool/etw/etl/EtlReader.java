package wstool.etw.etl;

import wstool.etw.decode.EventRecordView;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streaming reader of ETW .etl log files, pure Java, any OS.
 * <p>
 * A file is a sequence of buffers, each starting with a 72-byte WMI_BUFFER_HEADER (BufferSize at 0, SavedOffset at 4,
 * Offset = bytes filled at 48). Inside, records are 8-byte aligned; the first record of the file is a system header
 * followed by TRACE_LOGFILE_HEADER. EVENT_HEADER records are returned one by one through a reused
 * {@link EventRecordView}; every other record kind is skipped by its size and counted in {@link #stats()}.
 * Records are returned in file order (per-CPU buffers are not merged by time). Memory use is one buffer.
 * <p>
 * Damaged data: everything sound before the damage is returned, then {@link #next()} throws
 * {@link EtlFormatException} naming the problem and the file offset. An unknown record type skips the rest of its
 * buffer (the next buffer header re-synchronises) and is counted as {@link RecordKind#UNKNOWN}.
 */
public final class EtlReader implements Closeable {
    static final int BUFFER_HEADER_SIZE = 72;
    /** ETW buffers are at most 16 MiB; anything larger is a damaged header. */
    static final int MAX_BUFFER_SIZE = 64 << 20;
    private static final int EVENT_HEADER_SIZE = 80;
    /** evntrace.h: buffers are compressed one by one (XPRESS); not decoded here. */
    static final int EVENT_TRACE_COMPRESSED_MODE = 0x04000000;

    private final SeekableByteChannel channel;
    private final long fileSize;
    private final LogfileHeader header;
    private EtlStats stats = new EtlStats();
    /** Part of a time-ordered read: the buffers (of one CPU) this reader visits, in order; null = every buffer. */
    private long[] plan;
    private int planIndex;
    /** Time-ordered read: one part per CPU, merged by timestamp; null for a plain reader. */
    private EtlReader[] parts;
    private EventRecordView[] current;
    private int lastPart = -1;
    private final EventRecordView view = new EventRecordView();

    private byte[] buf = new byte[0];
    private long bufferFileOffset;   // file offset of the current buffer
    private long nextBufferOffset;   // file offset of the next buffer
    private int pos, end;            // record cursor and end of filled data within buf
    private boolean truncatedBuffer; // current buffer is cut short by the end of the file
    private int declaredBufferSize;
    private boolean done;
    private ProcessListener processListener;
    private ProcessEndListener processEndListener;

    /** Receives kernel process records (start, end, rundown) as the reader passes them. */
    @FunctionalInterface
    public interface ProcessListener {
        /** @param image ImageFileName as logged (a file name, often truncated by the kernel to 15 characters) */
        void process(long pid, String image, boolean ended);
    }

    /** Asks for kernel Process records (NT Kernel Logger, group 0x03) to be parsed for their PID and image name. */
    public void onProcess(ProcessListener l) {
        this.processListener = l;
        if (parts != null) for (EtlReader r : parts) r.processListener = l;
    }

    /** Receives the kernel's Process/End records (opcode 2: a process exited; not the rundown's DCEnd). */
    @FunctionalInterface
    public interface ProcessEndListener {
        /**
         * @param image ImageFileName as logged, or null when the record's name does not fit
         * @param exitStatus the record's ExitStatus (the process's exit code or NTSTATUS)
         * @param time the record's timestamp
         */
        void processEnded(long pid, String image, int exitStatus, java.time.Instant time);
    }

    /** Asks for kernel Process/End records to be reported (in file order per CPU stream, as they are read). */
    public void onProcessEnd(ProcessEndListener l) {
        this.processEndListener = l;
        if (parts != null) for (EtlReader r : parts) r.processEndListener = l;
    }

    private EtlReader(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
        if (!loadBuffer()) throw new EtlFormatException(0, "empty file, no ETW buffer header");
        this.header = parseLogfileHeader();
        if ((header.logFileMode() & EVENT_TRACE_COMPRESSED_MODE) != 0) {
            throw new EtlFormatException(BUFFER_HEADER_SIZE + 32 + 32, "compressed .etl files (LogFileMode "
                    + "EVENT_TRACE_COMPRESSED_MODE, e.g. 'wpr -compress') are not supported; record without compression");
        }
    }

    /** Reads the file's EVENT_HEADER records in file order (per-CPU buffers one after the other). */
    public static EtlReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new EtlReader(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads the file's EVENT_HEADER records in timestamp order, as ProcessTrace delivers them: buffers are grouped by
     * the CPU that filled them (ClientContext.ProcessorNumber, ordered by SequenceNumber) and the per-CPU streams
     * are merged. Needs one buffer per CPU in memory plus 8 bytes per buffer for the index. AFD attribution depends
     * on seeing a socket's create before its use, which file order does not guarantee across CPUs.
     */
    public static EtlReader openTimeOrdered(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return timeOrdered(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** {@link #openTimeOrdered(Path)} over any channel; the reader owns and closes it. */
    public static EtlReader openTimeOrdered(SeekableByteChannel channel) throws IOException {
        try {
            return timeOrdered(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static EtlReader timeOrdered(SeekableByteChannel ch) throws IOException {
        EtlReader first = new EtlReader(ch); // validates the header buffer
        java.util.Map<Integer, java.util.List<long[]>> perCpu = new java.util.TreeMap<>();
        long size = ch.size();
        ByteBuffer hdr = ByteBuffer.allocate(BUFFER_HEADER_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long at = 0;
        long damaged = -1;
        while (at < size) {
            if (size - at < BUFFER_HEADER_SIZE) { damaged = at; break; }
            hdr.clear();
            ch.position(at);
            while (hdr.hasRemaining() && ch.read(hdr) >= 0) { }
            int bufferSize = hdr.getInt(0);
            if (bufferSize < BUFFER_HEADER_SIZE || bufferSize > MAX_BUFFER_SIZE) { damaged = at; break; }
            int cpu = hdr.get(40) & 0xFF;
            perCpu.computeIfAbsent(cpu, k -> new java.util.ArrayList<>()).add(new long[]{hdr.getLong(24), at});
            at += bufferSize;
        }
        java.util.List<long[]> plans = new java.util.ArrayList<>();
        for (java.util.List<long[]> bufs : perCpu.values()) {
            bufs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            long[] plan = new long[bufs.size()];
            for (int i = 0; i < plan.length; i++) plan[i] = bufs.get(i)[1];
            plans.add(plan);
        }
        if (damaged >= 0) plans.add(new long[]{damaged}); // its reader reports the damage when it gets there
        EtlReader merged = first;
        merged.parts = new EtlReader[plans.size()];
        merged.current = new EventRecordView[plans.size()];
        for (int i = 0; i < plans.size(); i++) merged.parts[i] = new EtlReader(ch, first.header, plans.get(i));
        return merged;
    }

    /** A part of a time-ordered read: shares the channel and header, visits only {@code plan}'s buffers. */
    private EtlReader(SeekableByteChannel channel, LogfileHeader header, long[] plan) {
        this.channel = channel;
        this.fileSize = fileSizeOf(channel);
        this.header = header;
        this.plan = plan;
    }

    private static long fileSizeOf(SeekableByteChannel ch) {
        try {
            return ch.size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads from any channel (e.g. an in-memory copy); the reader owns and closes it. */
    public static EtlReader open(SeekableByteChannel channel) throws IOException {
        try {
            return new EtlReader(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public LogfileHeader header() { return header; }

    public EtlStats stats() {
        if (parts == null) return stats;
        EtlStats sum = new EtlStats();
        for (EtlReader r : parts) sum.add(r.stats);
        return sum;
    }

    public long fileSize() { return fileSize; }

    /** Bytes of the file consumed so far (for progress). */
    public long position() {
        if (parts == null) return bufferFileOffset + pos;
        long buffers = 0;
        for (EtlReader r : parts) buffers += r.stats.buffers();
        return Math.min(fileSize, buffers * Math.max(BUFFER_HEADER_SIZE, header.bufferSize()));
    }

    /**
     * The next EVENT_HEADER record, or null at the end of the file. The view is reused: it is valid until the next
     * call.
     */
    public EventRecordView next() throws IOException {
        if (parts != null) return nextMerged();
        while (!done) {
            if (pos + 4 > end) {
                if (truncatedBuffer) {
                    done = true;
                    throw new EtlFormatException(bufferFileOffset + end, "file truncated inside a buffer ("
                            + (end) + " of " + declaredBufferSize + " bytes present)");
                }
                if (!loadBuffer()) { done = true; return null; }
                continue;
            }
            int recordStart = pos;
            int marker = intAt(pos);
            if (marker == 0xFFFFFFFF || marker == 0) { pos = end; continue; } // padding: buffer done
            int flagsByte = (marker >>> 24) & 0xFF;
            RecordKind kind;
            if ((flagsByte & 0xC0) == 0xC0) kind = RecordKind.ofHeaderType((marker >>> 16) & 0xFF);
            else if ((flagsByte & 0x80) != 0 && (flagsByte & 0x10) != 0) kind = RecordKind.OTHER; // WPP message
            else kind = RecordKind.UNKNOWN;
            if (kind == RecordKind.UNKNOWN) {
                stats.record(kind);
                stats.unknownSkipped(end - pos);
                pos = end;
                continue;
            }
            int size = shortAt(pos + kind.sizeOffset());
            if (size < kind.minSize()) {
                done = true;
                throw new EtlFormatException(bufferFileOffset + recordStart,
                        "record size " + size + " is smaller than its " + kind + " header");
            }
            if (recordStart + size > end) {
                done = true;
                if (truncatedBuffer) throw new EtlFormatException(bufferFileOffset + end, "file truncated inside a "
                        + kind + " record that starts at " + (bufferFileOffset + recordStart));
                throw new EtlFormatException(bufferFileOffset + recordStart, kind + " record of " + size
                        + " bytes runs past the end of its buffer (" + (end - recordStart) + " bytes left)");
            }
            pos = recordStart + ((size + 7) & ~7);
            stats.record(kind);
            if (kind == RecordKind.SYSTEM && (processListener != null || processEndListener != null)) {
                kernelProcess(recordStart, size, marker);
            }
            if (kind == RecordKind.EVENT_HEADER) {
                fillView(recordStart, size, (marker >>> 16) & 0xFF);
                return view;
            }
        }
        return null;
    }

    private EventRecordView nextMerged() throws IOException {
        if (done) return null;
        try {
            if (lastPart < 0) {
                for (int i = 0; i < parts.length; i++) current[i] = parts[i].next();
            } else {
                current[lastPart] = parts[lastPart].next();
            }
        } catch (IOException e) {
            done = true;
            throw e;
        }
        int best = -1;
        for (int i = 0; i < parts.length; i++) {
            if (current[i] != null && (best < 0 || current[i].rawTimestamp() < current[best].rawTimestamp())) best = i;
        }
        lastPart = best;
        if (best < 0) done = true;
        return best < 0 ? null : current[best];
    }

    private void fillView(int p, int size, int headerType) throws EtlFormatException {
        int recordEnd = p + size;
        int flags = shortAt(p + 4);
        long ts = longAt(p + 16);
        view.provider(guidMsb(p + 24), guidLsb(p + 24))
                .descriptor(shortAt(p + 40), buf[p + 42] & 0xFF, buf[p + 43] & 0xFF, buf[p + 44] & 0xFF,
                        buf[p + 45] & 0xFF, shortAt(p + 46), longAt(p + 48))
                .flags(flags, shortAt(p + 6))
                .defaultPointerSize(headerType == 0x12 ? 4 : headerType == 0x13 ? 8 : header.pointerSize())
                .process(intAt(p + 12) & 0xFFFFFFFFL, intAt(p + 8) & 0xFFFFFFFFL)
                .time(ts, header.toInstant(ts))
                .sourceOffset(bufferFileOffset + p)
                .clearExtendedItems();
        int q = p + EVENT_HEADER_SIZE;
        if ((flags & EventRecordView.FLAG_EXTENDED_INFO) != 0) {
            // In the file each item is: u16 reserved, u16 ExtType, u16 (bit 0 = another item follows), u16 DataSize,
            // then the data, padded to 8 bytes.
            for (int n = 0; ; n++) {
                if (q + 8 > recordEnd || n > 64) {
                    done = true;
                    throw new EtlFormatException(bufferFileOffset + q, "extended data items run past their record");
                }
                int type = shortAt(q + 2);
                boolean more = (shortAt(q + 4) & 1) != 0;
                int len = shortAt(q + 6);
                if (q + 8 + len > recordEnd) {
                    done = true;
                    throw new EtlFormatException(bufferFileOffset + q, "extended data item of " + len
                            + " bytes runs past its record");
                }
                view.addExtendedItem(type, buf, q + 8, len);
                q += (8 + len + 7) & ~7;
                if (!more) break;
            }
            if (q > recordEnd) q = recordEnd;
        }
        view.payload(buf, q, recordEnd - q);
    }

    /**
     * Process_TypeGroup1 (version 3, Vista/7) and Process_V4 (Windows 8+, adds Flags): UniqueProcessKey (pointer),
     * ProcessId, ParentId, SessionId, ExitStatus, DirectoryTableBase (pointer), [Flags], UserSID (TOKEN_USER of two
     * pointers then the SID, or 4 zero bytes), ImageFileName (ANSI, NUL-terminated), CommandLine...
     * Anything that does not fit is ignored: this only names processes, it never fails the read.
     */
    private void kernelProcess(int p, int size, int marker) {
        int hook = shortAt(p + 6);
        int version = marker & 0xFFFF;
        if ((hook >>> 8) != 3 || version < 3) return;
        int type = hook & 0xFF;
        if (type != 1 && type != 2 && type != 3 && type != 4) return;
        int ptr = (marker >>> 16 & 0xFF) == 1 ? 4 : 8; // SYSTEM32 vs SYSTEM64 header
        int end = p + size;
        int q = p + 32 + ptr;
        if (q + 16 > end) return;
        long pid = intAt(q) & 0xFFFFFFFFL;
        int exitStatus = intAt(q + 12);
        String image = imageFileName(q + 16 + ptr + (version >= 4 ? 4 : 0), end, ptr);
        if (image != null && processListener != null) processListener.process(pid, image, type == 2 || type == 4);
        if (type == 2 && processEndListener != null) {
            long ts = longAt(p + 16);
            processEndListener.processEnded(pid, image, exitStatus, header.toInstant(ts));
        }
    }

    /** The ANSI ImageFileName after the UserSID that starts at {@code q}, or null when it does not fit. */
    private String imageFileName(int q, int end, int ptr) {
        if (q + 4 > end) return null;
        if (intAt(q) == 0) {
            q += 4;
        } else {
            int sid = q + 2 * ptr;
            if (sid + 8 > end) return null;
            q = sid + 8 + 4 * (buf[sid + 1] & 0xFF);
        }
        int s = q;
        while (q < end && buf[q] != 0) q++;
        if (q >= end || q == s) return null;
        return new String(buf, s, q - s, StandardCharsets.ISO_8859_1);
    }

    private boolean loadBuffer() throws IOException {
        long at = plan == null ? nextBufferOffset : planIndex < plan.length ? plan[planIndex++] : fileSize;
        if (at >= fileSize) return false;
        if (fileSize - at < BUFFER_HEADER_SIZE) {
            throw new EtlFormatException(at, "file truncated inside a buffer header (" + (fileSize - at)
                    + " of " + BUFFER_HEADER_SIZE + " bytes present)");
        }
        ensureCapacity(BUFFER_HEADER_SIZE);
        readFully(at, BUFFER_HEADER_SIZE);
        int bufferSize = intAt(0);
        if (bufferSize < BUFFER_HEADER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
            throw new EtlFormatException(at, "invalid buffer size " + Integer.toUnsignedString(bufferSize)
                    + " in buffer header");
        }
        int available = (int) Math.min(bufferSize, fileSize - at);
        ensureCapacity(bufferSize);
        readFully(at + BUFFER_HEADER_SIZE, available - BUFFER_HEADER_SIZE, BUFFER_HEADER_SIZE);
        int filled = intAt(48);
        if (filled < BUFFER_HEADER_SIZE || filled > bufferSize) {
            filled = intAt(4);
            if (filled < BUFFER_HEADER_SIZE || filled > bufferSize) filled = bufferSize;
        }
        bufferFileOffset = at;
        nextBufferOffset = at + bufferSize;
        declaredBufferSize = bufferSize;
        truncatedBuffer = available < bufferSize;
        pos = BUFFER_HEADER_SIZE;
        end = Math.min(filled, available);
        if (truncatedBuffer && filled <= available) truncatedBuffer = false; // only padding is missing
        stats.buffer();
        return true;
    }

    private LogfileHeader parseLogfileHeader() throws EtlFormatException {
        int p = BUFFER_HEADER_SIZE;
        if (end < p + 32 + 280 - 8) throw new EtlFormatException(p, "first buffer too small for the logfile header");
        int marker = intAt(p);
        int type = (marker >>> 16) & 0xFF;
        if ((marker >>> 24 & 0xC0) != 0xC0 || RecordKind.ofHeaderType(type) != RecordKind.SYSTEM) {
            throw new EtlFormatException(p, "not an ETW log file: first record is not a system header (marker 0x"
                    + Integer.toHexString(marker) + ")");
        }
        int recordSize = shortAt(p + 4);
        if (shortAt(p + 6) != 0) throw new EtlFormatException(p, "first record is not the event-trace header");
        if (p + recordSize > end) throw new EtlFormatException(p, "logfile header record runs past its buffer");
        long startQpc = longAt(p + 16);
        int h = p + 32;
        int ptr = intAt(h + 44);
        if (ptr != 4 && ptr != 8) throw new EtlFormatException(h + 44, "invalid pointer size " + ptr + " in logfile header");
        int tail = ptr == 8 ? 248 : 240; // BootTime offset: after LoggerName, LogFileName and TIME_ZONE_INFORMATION
        int headerSize = ptr == 8 ? 280 : 272;
        if (headerSize > recordSize - 32) throw new EtlFormatException(h, "logfile header record too short");
        int strings = h + headerSize;
        int recordEnd = p + recordSize;
        int[] cursor = {strings};
        String logger = utf16z(cursor, recordEnd);
        String file = utf16z(cursor, recordEnd);
        return new LogfileHeader(intAt(h), buf[h + 4] & 0xFF, buf[h + 5] & 0xFF, intAt(h + 8), intAt(h + 12),
                LogfileHeader.fromFiletime(longAt(h + 16)), intAt(h + 24), intAt(h + 28), intAt(h + 32),
                intAt(h + 36), ptr, intAt(h + 48), intAt(h + 52),
                LogfileHeader.fromFiletime(longAt(h + tail)), longAt(h + tail + 8),
                LogfileHeader.fromFiletime(longAt(h + tail + 16)), intAt(h + tail + 24), intAt(h + tail + 28),
                startQpc, logger, file);
    }

    private String utf16z(int[] cursor, int limit) {
        int s = cursor[0];
        int i = s;
        while (i + 1 < limit && (buf[i] != 0 || buf[i + 1] != 0)) i += 2;
        cursor[0] = Math.min(i + 2, limit);
        return new String(buf, s, Math.max(0, i - s), StandardCharsets.UTF_16LE);
    }

    private void ensureCapacity(int n) {
        if (buf.length < n) buf = new byte[n];
    }

    private void readFully(long at, int len) throws IOException { readFully(at, len, 0); }

    private void readFully(long at, int len, int into) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, into, len);
        channel.position(at);
        while (bb.hasRemaining()) {
            int n = channel.read(bb);
            if (n < 0) throw new EtlFormatException(at + bb.position() - into, "unexpected end of file");
        }
    }

    private int shortAt(int i) { return (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8; }
    private int intAt(int i) { return (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16 | (buf[i + 3] & 0xFF) << 24; }
    private long longAt(int i) { return (intAt(i) & 0xFFFFFFFFL) | ((long) intAt(i + 4)) << 32; }

    /** GUID bytes (Data1..3 little-endian, Data4 big-endian) to UUID's most significant half. */
    private long guidMsb(int i) {
        long d1 = intAt(i) & 0xFFFFFFFFL;
        long d2 = shortAt(i + 4);
        long d3 = shortAt(i + 6);
        return d1 << 32 | d2 << 16 | d3;
    }

    private long guidLsb(int i) {
        long v = 0;
        for (int k = 8; k < 16; k++) v = v << 8 | (buf[i + k] & 0xFF);
        return v;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
