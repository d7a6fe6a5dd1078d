package wstool.etw.etl;

import wstool.etw.decode.EventRecordView;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Streaming reader of ETW .etl log files, pure Java, any OS.
 * <p>
 * A file is a sequence of buffers, each starting with a 72-byte WMI_BUFFER_HEADER (BufferSize at 0, SavedOffset at 4,
 * SequenceNumber at 24, ProcessorNumber at 40, Offset = bytes filled at 48, BufferFlag at 0x34). Inside, records are
 * 8-byte aligned; the first record of the file is a system header followed by TRACE_LOGFILE_HEADER (read into
 * {@link #header()}, not delivered). In a file with LogFileMode EVENT_TRACE_COMPRESSED_MODE a buffer with BufferFlag
 * 0x40 keeps its header plain, BufferSize is its size on disk and the bytes after the header are MS-XCA Plain LZ77
 * ({@link PlainLz77}) expanding to SavedOffset - 72 bytes; such buffers differ in size on disk.
 * <p>
 * {@link #next()} returns, through one reused {@link EventRecordView}: EVENT_HEADER records; classic EVENT_TRACE_HEADER
 * records (MOF/WPP providers: the record's GUID, EventType as opcode, its version, id 0, flag
 * {@link EventRecordView#FLAG_CLASSIC_HEADER}); and the NT Kernel Logger's TcpIp and UdpIp records (system/perfinfo
 * headers: the group's class GUID from {@link KernelGroup}, the HookId's type as opcode, the same classic flag) —
 * the shape ETW gives consumers of such records. Every other kernel record is counted per group in {@link #stats()};
 * Process records feed {@link #onProcess}/{@link #onProcessEnd}. Pointer size per record: the header type (32/64-bit
 * variants), else the logfile's PointerSize.
 * <p>
 * Damage never ends the read: a record that does not fit its buffer, a buffer that does not decompress or a file cut
 * inside a buffer ends that buffer only; a damaged buffer header is skipped up to the next sound one (the logfile's
 * buffer size in uncompressed files, a scan in compressed ones). Each is counted in {@link EtlStats#damaged()} with
 * its file offset; the read goes on with the next buffer, so every intact buffer's records arrive.
 */
public final class EtlReader implements Closeable {
    static final int BUFFER_HEADER_SIZE = 72;
    /** ETW buffers are at most 16 MiB; anything larger is a damaged header. */
    static final int MAX_BUFFER_SIZE = 64 << 20;
    private static final int EVENT_HEADER_SIZE = 80;
    /** evntrace.h: buffers are compressed one by one (MS-XCA Plain LZ77). */
    static final int EVENT_TRACE_COMPRESSED_MODE = 0x04000000;
    /** WMI_BUFFER_HEADER.BufferFlag (u16 at 0x34): this buffer is compressed. */
    static final int BUFFER_FLAG_COMPRESSED = 0x40;
    private static final int BUFFER_FLAG_OFFSET = 0x34;
    /** How far a compressed file is scanned for the next sound buffer header after a damaged one. */
    private static final int MAX_RESYNC_SCAN = 64 << 20;

    private final SeekableByteChannel channel;
    private final long fileSize;
    private final LogfileHeader header;
    private EtlStats stats = new EtlStats();
    /** The buffers (file offset, size on disk) this reader visits, in order. */
    private long[] planOffsets;
    private int[] planSizes;
    /** Per buffer of the plan, from its header: the CPU that filled it and its SequenceNumber (for time order). */
    private int[] planCpus;
    private long[] planSequences;
    private int planIndex;
    /** Time-ordered read: one part per CPU, merged by timestamp; null for a plain reader. */
    private EtlReader[] parts;
    private EventRecordView[] current;
    private int lastPart = -1;
    private final EventRecordView view = new EventRecordView();
    private final PlainLz77 lz77 = new PlainLz77();

    private byte[] plain = new byte[0]; // the file's bytes of the current buffer
    private byte[] buf = plain;         // the current buffer as records are read (plain, or lz77's output)
    private long bufferFileOffset;      // file offset of the current buffer
    private boolean compressedBuffer;   // current buffer was decompressed (record offsets are not file offsets)
    private int pos, end;               // record cursor and end of filled data within buf
    private boolean truncatedBuffer;    // current buffer is cut short by the end of the file
    private RecordKind kind;            // kind of the record last returned
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

    /** Reads the logfile header from the first buffer, then indexes the file's buffers. */
    private EtlReader(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
        if (fileSize == 0) throw new EtlFormatException(0, "empty file, no ETW buffer header");
        if (fileSize < BUFFER_HEADER_SIZE) {
            throw new EtlFormatException(0, "file of " + fileSize + " bytes is too small for an ETW buffer header");
        }
        ByteBuffer first = readHeaderAt(channel, 0);
        int firstSize = first.getInt(0);
        if (firstSize < BUFFER_HEADER_SIZE || firstSize > MAX_BUFFER_SIZE) {
            throw new EtlFormatException(0, "invalid buffer size " + Integer.toUnsignedString(firstSize)
                    + " in buffer header");
        }
        EtlFormatException bad = loadBuffer(0, firstSize);
        if (bad != null) throw bad;
        this.header = parseLogfileHeader();
        stats = new EtlStats(); // the header pass counts nothing: the plan below reads buffer 0 again
        List<long[]> index = index(channel, fileSize, header, stats);
        planOffsets = new long[index.size()];
        planSizes = new int[index.size()];
        planCpus = new int[index.size()];
        planSequences = new long[index.size()];
        for (int i = 0; i < planOffsets.length; i++) {
            long[] b = index.get(i);
            planOffsets[i] = b[0];
            planSizes[i] = (int) b[1];
            planCpus[i] = (int) b[2];
            planSequences[i] = b[3];
        }
        pos = end = 0;
        truncatedBuffer = false;
    }

    /** A part of a time-ordered read: shares the channel and header, visits only its plan's buffers. */
    private EtlReader(SeekableByteChannel channel, long fileSize, LogfileHeader header, long[] offsets, int[] sizes) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.header = header;
        this.planOffsets = offsets;
        this.planSizes = sizes;
    }

    /** Reads the file's records in file order (per-CPU buffers one after the other). */
    public static EtlReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ));
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

    /**
     * Reads the file's records in timestamp order, as ProcessTrace delivers them: buffers are grouped by the CPU that
     * filled them (ProcessorNumber, ordered by SequenceNumber) and the per-CPU streams are merged. Needs one buffer
     * per CPU in memory plus 12 bytes per buffer for the index. AFD attribution depends on seeing a socket's create
     * before its use, which file order does not guarantee across CPUs.
     */
    public static EtlReader openTimeOrdered(Path file) throws IOException {
        return openTimeOrdered(FileChannel.open(file, StandardOpenOption.READ));
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
        EtlReader merged = new EtlReader(ch);
        Map<Integer, List<long[]>> perCpu = new TreeMap<>();
        for (int i = 0; i < merged.planOffsets.length; i++) {
            perCpu.computeIfAbsent(merged.planCpus[i], k -> new ArrayList<>())
                    .add(new long[]{merged.planSequences[i], merged.planOffsets[i], merged.planSizes[i]});
        }
        merged.parts = new EtlReader[perCpu.size()];
        merged.current = new EventRecordView[perCpu.size()];
        int p = 0;
        for (List<long[]> bufs : perCpu.values()) {
            bufs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            long[] offsets = new long[bufs.size()];
            int[] sizes = new int[bufs.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = bufs.get(i)[1];
                sizes[i] = (int) bufs.get(i)[2];
            }
            merged.parts[p++] = new EtlReader(ch, merged.fileSize, merged.header, offsets, sizes);
        }
        merged.planOffsets = new long[0];
        merged.planSizes = new int[0];
        return merged;
    }

    public LogfileHeader header() { return header; }

    /** Counts so far; for a time-ordered read, summed over the CPU streams. */
    public EtlStats stats() {
        if (parts == null) return stats;
        EtlStats sum = new EtlStats();
        sum.add(stats);
        for (EtlReader r : parts) sum.add(r.stats);
        return sum;
    }

    public long fileSize() { return fileSize; }

    /** Bytes of the file consumed so far (for progress). */
    public long position() { return Math.min(fileSize, stats().bytesConsumed()); }

    /** The kind of the record {@link #next()} last returned. */
    public RecordKind recordKind() {
        return parts == null ? kind : lastPart < 0 ? null : parts[lastPart].kind;
    }

    /**
     * The next record delivered as an event (see the class comment), or null at the end of the file. The view is
     * reused: it is valid until the next call. Throws only for I/O errors; damage is counted in {@link #stats()}.
     */
    public EventRecordView next() throws IOException {
        if (parts != null) return nextMerged();
        while (true) {
            if (pos + 4 > end) {
                if (truncatedBuffer) {
                    truncatedBuffer = false;
                    damage(end, "file truncated inside a buffer (" + (fileSize - bufferFileOffset) + " of "
                            + planSizes[planIndex - 1] + " bytes present)", 0);
                }
                if (!nextBuffer()) return null;
                continue;
            }
            int recordStart = pos;
            int marker = intAt(pos);
            if (marker == 0xFFFFFFFF || marker == 0) { pos = end; continue; } // padding: buffer done
            int flagsByte = (marker >>> 24) & 0xFF;
            int headerType = (marker >>> 16) & 0xFF;
            RecordKind k;
            if ((flagsByte & 0xC0) == 0xC0) k = RecordKind.ofHeaderType(headerType);
            else if ((flagsByte & 0x80) != 0 && (flagsByte & 0x10) != 0) k = RecordKind.OTHER; // WPP message
            else k = RecordKind.UNKNOWN;
            if (k == RecordKind.UNKNOWN) {
                stats.record(k);
                stats.unknownSkipped(end - pos);
                pos = end;
                continue;
            }
            int size = shortAt(pos + k.sizeOffset());
            if (size < k.minSize()) {
                damage(recordStart, "record size " + size + " is smaller than its " + k + " header", end - recordStart);
                pos = end;
                continue;
            }
            if (recordStart + size > end) {
                if (truncatedBuffer) {
                    truncatedBuffer = false;
                    damage(end, "file truncated inside a record (" + k + ") that starts at "
                            + (bufferFileOffset + recordStart), end - recordStart);
                } else {
                    damage(recordStart, k + " record of " + size + " bytes runs past the end of its buffer ("
                            + (end - recordStart) + " bytes left)", end - recordStart);
                }
                pos = end;
                continue;
            }
            pos = recordStart + ((size + 7) & ~7);
            if (k == RecordKind.EVENT_HEADER) {
                if (!fillView(recordStart, size, headerType)) continue; // damage counted
                stats.record(k);
                kind = k;
                return view;
            }
            stats.record(k);
            if (bufferFileOffset == 0 && recordStart == BUFFER_HEADER_SIZE) continue; // the logfile header record
            if (k == RecordKind.FULL_HEADER) {
                fillClassic(recordStart, size, headerType);
            } else if (k.kernel()) {
                if (!kernelRecord(k, recordStart, size, marker)) continue;
            } else {
                continue;
            }
            kind = k;
            return view;
        }
    }

    private EventRecordView nextMerged() throws IOException {
        if (lastPart == -2) return null;
        if (lastPart < 0) {
            for (int i = 0; i < parts.length; i++) current[i] = parts[i].next();
        } else {
            current[lastPart] = parts[lastPart].next();
        }
        int best = -1;
        for (int i = 0; i < parts.length; i++) {
            if (current[i] != null && (best < 0 || current[i].rawTimestamp() < current[best].rawTimestamp())) best = i;
        }
        lastPart = best < 0 ? -2 : best;
        return best < 0 ? null : current[best];
    }

    /** Counts a damaged place: {@code at} is a position in the current buffer, the rest of which is not read. */
    private void damage(int at, String problem, long bytesLost) {
        EtlFormatException e = compressedBuffer
                ? new EtlFormatException(bufferFileOffset, problem + " (offset " + at + " of the decompressed buffer)")
                : new EtlFormatException(bufferFileOffset + at, problem);
        stats.damage(e, bytesLost);
    }

    private boolean nextBuffer() throws IOException {
        while (planIndex < planOffsets.length) {
            long at = planOffsets[planIndex];
            int size = planSizes[planIndex++];
            EtlFormatException bad = loadBuffer(at, size);
            if (bad == null) return true;
            stats.damage(bad, size);
        }
        return false;
    }

    /**
     * Loads the buffer at {@code at} ({@code diskSize} bytes on disk) for reading its records, decompressing it when
     * its BufferFlag says so. Returns the damage that makes it unreadable, or null.
     */
    private EtlFormatException loadBuffer(long at, int diskSize) throws IOException {
        pos = end = 0;
        truncatedBuffer = false;
        bufferFileOffset = at;
        compressedBuffer = false;
        buf = plain;
        int available = (int) Math.min(diskSize, fileSize - at);
        if (plain.length < Math.max(diskSize, BUFFER_HEADER_SIZE)) buf = plain = new byte[Math.max(diskSize, BUFFER_HEADER_SIZE)];
        readFully(at, available);
        boolean compressed = (shortAt(BUFFER_FLAG_OFFSET) & BUFFER_FLAG_COMPRESSED) != 0
                && (header == null || (header.logFileMode() & EVENT_TRACE_COMPRESSED_MODE) != 0);
        stats.buffer(compressed, diskSize);
        if (compressed) {
            int saved = intAt(4);
            if (saved <= BUFFER_HEADER_SIZE || saved > MAX_BUFFER_SIZE) {
                return new EtlFormatException(at + 4, "compressed buffer declares an uncompressed size of "
                        + Integer.toUnsignedString(saved) + " bytes");
            }
            if (!lz77.decompress(plain, BUFFER_HEADER_SIZE, available - BUFFER_HEADER_SIZE, BUFFER_HEADER_SIZE,
                    saved - BUFFER_HEADER_SIZE)) {
                String why = available < diskSize ? "file truncated inside a compressed buffer (" + available + " of "
                        + diskSize + " bytes present)" : "compressed buffer does not decompress: " + lz77.problem();
                return new EtlFormatException(at, why);
            }
            buf = lz77.output();
            System.arraycopy(plain, 0, buf, 0, BUFFER_HEADER_SIZE);
            compressedBuffer = true;
            pos = BUFFER_HEADER_SIZE;
            end = saved;
            return null;
        }
        int filled = intAt(48);
        if (filled < BUFFER_HEADER_SIZE || filled > diskSize) {
            filled = intAt(4);
            if (filled < BUFFER_HEADER_SIZE || filled > diskSize) filled = diskSize;
        }
        pos = BUFFER_HEADER_SIZE;
        end = Math.min(filled, available);
        truncatedBuffer = available < filled;
        return null;
    }

    /**
     * The file's buffers in file order as {offset, size on disk, ProcessorNumber, SequenceNumber}, each header read
     * once (at open, before the first event: a second pass for the time order cost a ×1000 file ~0.4 s more). A header whose size is not sound is counted as
     * damage. In an uncompressed file (every buffer of the logfile's BufferSize) the buffer is still read at that
     * size. In a compressed file a size is sound only when another buffer header (or the end of the file) follows
     * it; otherwise the next sound header is searched for and the damaged buffer is read up to it (it may still
     * decompress: its expanded size is in SavedOffset).
     */
    private static List<long[]> index(SeekableByteChannel ch, long size, LogfileHeader h, EtlStats stats)
            throws IOException {
        boolean compressedMode = (h.logFileMode() & EVENT_TRACE_COMPRESSED_MODE) != 0;
        int fixed = h.bufferSize();
        List<long[]> out = new ArrayList<>();
        long at = 0;
        while (at < size) {
            if (size - at < BUFFER_HEADER_SIZE) {
                stats.damage(new EtlFormatException(at, "file truncated inside a buffer header (" + (size - at)
                        + " of " + BUFFER_HEADER_SIZE + " bytes present)"), size - at);
                break;
            }
            ByteBuffer hdr = readHeaderAt(ch, at);
            int declared = hdr.getInt(0);
            if (sound(hdr, compressedMode, fixed) && (!compressedMode || followed(ch, at + declared, size, fixed))) {
                out.add(entry(at, declared, hdr));
                at += declared;
                continue;
            }
            String problem = "buffer header declares " + Integer.toUnsignedString(declared) + " bytes";
            if (!compressedMode && fixed >= BUFFER_HEADER_SIZE && fixed <= MAX_BUFFER_SIZE) {
                stats.damage(new EtlFormatException(at, problem + ", the file's buffers have " + fixed
                        + " (read at that size)"), 0);
                out.add(entry(at, fixed, hdr));
                at += fixed;
                continue;
            }
            long next = resync(ch, at + BUFFER_HEADER_SIZE, size, h);
            stats.damage(new EtlFormatException(at, problem + " and no buffer header follows there; the next one is "
                    + (next < size ? "at " + next : "not found")), 0);
            if (next - at <= MAX_BUFFER_SIZE) out.add(entry(at, next - at, hdr));
            at = next;
        }
        return out;
    }

    /** An index entry: where the buffer is, its size, and from its header the CPU that filled it and its sequence. */
    private static long[] entry(long at, long size, ByteBuffer hdr) {
        return new long[]{at, size, hdr.get(40) & 0xFF, hdr.getLong(24)};
    }

    /** Whether a buffer header's sizes are plausible for this file. */
    private static boolean sound(ByteBuffer hdr, boolean compressedMode, int fixed) {
        int declared = hdr.getInt(0);
        if (declared < BUFFER_HEADER_SIZE || declared > MAX_BUFFER_SIZE) return false;
        if (!compressedMode) return fixed < BUFFER_HEADER_SIZE || declared == fixed;
        if ((hdr.getShort(BUFFER_FLAG_OFFSET) & BUFFER_FLAG_COMPRESSED) == 0) return true;
        int saved = hdr.getInt(4);
        return saved > BUFFER_HEADER_SIZE && saved <= MAX_BUFFER_SIZE;
    }

    /** Whether a buffer of a compressed file that ends at {@code next} is followed by the end or a sound header. */
    private static boolean followed(SeekableByteChannel ch, long next, long size, int fixed) throws IOException {
        if (next >= size) return true; // the end, or a last buffer cut short (read as far as it goes)
        return size - next >= BUFFER_HEADER_SIZE && sound(readHeaderAt(ch, next), true, fixed);
    }

    /**
     * The next offset from {@code from} where a buffer header of a compressed file starts, or {@code size}. Random
     * bytes must not pass for one, so beyond sound sizes and a sound successor it must hold what every buffer
     * header written by ETW holds: a buffer TimeStamp (FILETIME, offset 0x10) within a day of the logfile's
     * start/end and, when compressed, SavedOffset equal to Offset.
     */
    private static long resync(SeekableByteChannel ch, long from, long size, LogfileHeader h) throws IOException {
        long lo = filetime(h.startTime()) - 864_000_000_000L;
        long hi = Math.max(filetime(h.endTime()), filetime(h.startTime())) + 864_000_000_000L;
        int window = 1 << 16;
        ByteBuffer w = ByteBuffer.allocate(window + BUFFER_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long base = from; base + BUFFER_HEADER_SIZE <= size && base - from < MAX_RESYNC_SCAN; base += window) {
            w.clear();
            while (w.hasRemaining() && readAt(ch, w, base + w.position()) >= 0) { }
            int n = w.position() - BUFFER_HEADER_SIZE;
            for (int i = 0; i <= n && i < window; i++) {
                int declared = w.getInt(i);
                if (declared < BUFFER_HEADER_SIZE || declared > MAX_BUFFER_SIZE) continue;
                long stamp = w.getLong(i + 0x10);
                if (stamp < lo || stamp > hi) continue;
                if ((w.getShort(i + BUFFER_FLAG_OFFSET) & BUFFER_FLAG_COMPRESSED) != 0) {
                    int saved = w.getInt(i + 4);
                    if (saved <= BUFFER_HEADER_SIZE || saved > MAX_BUFFER_SIZE || saved != w.getInt(i + 48)) continue;
                }
                if (followed(ch, base + i + declared, size, h.bufferSize())) return base + i;
            }
        }
        return size;
    }

    /** An instant as FILETIME, saturating (a damaged logfile header may state any time). */
    private static long filetime(java.time.Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L), t.getNano() / 100 + 116444736000000000L);
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    private static ByteBuffer readHeaderAt(SeekableByteChannel ch, long at) throws IOException {
        ByteBuffer hdr = ByteBuffer.allocate(BUFFER_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (hdr.hasRemaining() && readAt(ch, hdr, at + hdr.position()) >= 0) { }
        return hdr;
    }

    /** Reads from file offset {@code at} on: one pread from a FileChannel, not a seek and a read. */
    private static int readAt(SeekableByteChannel ch, ByteBuffer into, long at) throws IOException {
        if (ch instanceof FileChannel file) return file.read(into, at);
        ch.position(at);
        return ch.read(into);
    }

    /** Fills the view from an EVENT_HEADER record; false (damage counted, buffer ended) when its parts do not fit. */
    private boolean fillView(int p, int size, int headerType) {
        int recordEnd = p + size;
        int flags = shortAt(p + 4);
        long ts = longAt(p + 16);
        view.provider(guidMsb(p + 24), guidLsb(p + 24))
                .descriptor(shortAt(p + 40), buf[p + 42] & 0xFF, buf[p + 43] & 0xFF, buf[p + 44] & 0xFF,
                        buf[p + 45] & 0xFF, shortAt(p + 46), longAt(p + 48))
                .flags(flags, shortAt(p + 6))
                .defaultPointerSize(pointerSize(headerType))
                .process(intAt(p + 12) & 0xFFFFFFFFL, intAt(p + 8) & 0xFFFFFFFFL)
                .time(ts, header.toInstant(ts))
                .sourceOffset(sourceOffset(p))
                .clearExtendedItems();
        int q = p + EVENT_HEADER_SIZE;
        if ((flags & EventRecordView.FLAG_EXTENDED_INFO) != 0) {
            // In the file each item is: u16 reserved, u16 ExtType, u16 (bit 0 = another item follows), u16 DataSize,
            // then the data, padded to 8 bytes.
            for (int n = 0; ; n++) {
                if (q + 8 > recordEnd || n > 64) {
                    damage(q, "extended data items run past their record", end - p);
                    pos = end;
                    return false;
                }
                int type = shortAt(q + 2);
                boolean more = (shortAt(q + 4) & 1) != 0;
                int len = shortAt(q + 6);
                if (q + 8 + len > recordEnd) {
                    damage(q, "extended data item of " + len + " bytes runs past its record", end - p);
                    pos = end;
                    return false;
                }
                view.addExtendedItem(type, buf, q + 8, len);
                q += (8 + len + 7) & ~7;
                if (!more) break;
            }
            if (q > recordEnd) q = recordEnd;
        }
        view.payload(buf, q, recordEnd - q);
        return true;
    }

    /**
     * EVENT_TRACE_HEADER (evntrace.h): Size u16, HeaderType, MarkerFlags, Class {Type u8, Level u8, Version u16},
     * ThreadId, ProcessId, TimeStamp u64, Guid at 24, processor times at 40, payload at 48.
     */
    private void fillClassic(int p, int size, int headerType) {
        long ts = longAt(p + 16);
        classicView(pointerSize(headerType))
                .provider(guidMsb(p + 24), guidLsb(p + 24))
                .descriptor(0, shortAt(p + 6), 0, buf[p + 5] & 0xFF, buf[p + 4] & 0xFF, 0, 0)
                .process(intAt(p + 12) & 0xFFFFFFFFL, intAt(p + 8) & 0xFFFFFFFFL)
                .time(ts, header.toInstant(ts))
                .sourceOffset(sourceOffset(p))
                .payload(buf, p + 48, size - 48);
    }

    /**
     * A kernel record: SYSTEM_TRACE_HEADER (version u16, type, flags, size u16, HookId u16, ThreadId, ProcessId,
     * SystemTime u64 at 16, kernel/user time; payload at 32), its compact form (payload at 24) or PERFINFO_TRACE_HEADER
     * (version, type, flags, size, HookId, SystemTime at 8; payload at 16, no process or thread). HookId = group << 8 |
     * type. Counted per group; true when the view was filled (a network group).
     */
    private boolean kernelRecord(RecordKind k, int p, int size, int marker) {
        int hook = shortAt(p + 6);
        int group = hook >>> 8;
        stats.kernelGroup(group);
        boolean perfinfo = k == RecordKind.PERFINFO;
        long ts = longAt(p + (perfinfo ? 8 : 16));
        int payload = perfinfo ? 16 : k == RecordKind.SYSTEM ? 32 : 24;
        int headerType = (marker >>> 16) & 0xFF;
        if (group == KernelGroup.PROCESS && (processListener != null || processEndListener != null)) {
            kernelProcess(p, payload, size, marker, pointerSize(headerType), ts);
        }
        UUID guid = KernelGroup.guid(group);
        if (guid == null) return false;
        classicView(pointerSize(headerType))
                .provider(guid)
                .descriptor(0, marker & 0xFFFF, 0, 0, hook & 0xFF, 0, 0)
                .process(perfinfo ? -1 : intAt(p + 12) & 0xFFFFFFFFL, perfinfo ? -1 : intAt(p + 8) & 0xFFFFFFFFL)
                .time(ts, header.toInstant(ts))
                .sourceOffset(sourceOffset(p))
                .payload(buf, p + payload, size - payload);
        return true;
    }

    private EventRecordView classicView(int pointerSize) {
        return view.flags(EventRecordView.FLAG_CLASSIC_HEADER
                        | (pointerSize == 4 ? EventRecordView.FLAG_32_BIT_HEADER : EventRecordView.FLAG_64_BIT_HEADER), 0)
                .defaultPointerSize(pointerSize)
                .clearExtendedItems();
    }

    /** The record's pointer size: its header type's 32/64-bit variant, else the logfile's PointerSize. */
    private int pointerSize(int headerType) {
        switch (headerType) {
            case 0x01: case 0x03: case 0x0A: case 0x0B: case 0x10: case 0x12: return 4;
            case 0x02: case 0x04: case 0x14: case 0x15: case 0x11: case 0x13: return 8;
            default: return header.pointerSize();
        }
    }

    /** Where a record starts in the file, or for a record of a compressed buffer, the buffer's file offset. */
    private long sourceOffset(int p) { return compressedBuffer ? bufferFileOffset : bufferFileOffset + p; }

    /**
     * Process_TypeGroup1 (version 3, Vista/7) and Process_V4 (Windows 8+, adds Flags): UniqueProcessKey (pointer),
     * ProcessId, ParentId, SessionId, ExitStatus, DirectoryTableBase (pointer), [Flags], UserSID (TOKEN_USER of two
     * pointers then the SID, or 4 zero bytes), ImageFileName (ANSI, NUL-terminated), CommandLine...
     * The header is a system or (rundown DCStart/DCEnd of Windows 8+ captures) a perfinfo one: {@code headerSize}.
     * Anything that does not fit is ignored: this only names processes, it never fails the read.
     */
    private void kernelProcess(int p, int headerSize, int size, int marker, int ptr, long ts) {
        int hook = shortAt(p + 6);
        int version = marker & 0xFFFF;
        if ((hook >>> 8) != 3 || version < 3) return;
        int type = hook & 0xFF;
        if (type != 1 && type != 2 && type != 3 && type != 4) return;
        int end = p + size;
        int q = p + headerSize + ptr;
        if (q + 16 > end) return;
        long pid = intAt(q) & 0xFFFFFFFFL;
        int exitStatus = intAt(q + 12);
        String image = imageFileName(q + 16 + ptr + (version >= 4 ? 4 : 0), end, ptr);
        if (image != null && processListener != null) processListener.process(pid, image, type == 2 || type == 4);
        if (type == 2 && processEndListener != null) {
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

    private void readFully(long at, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(plain, 0, len);
        while (bb.hasRemaining()) {
            int n = readAt(channel, bb, at + bb.position());
            if (n < 0) throw new EtlFormatException(at + bb.position(), "unexpected end of file");
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
