package wstool.etw.decode;

import java.time.Instant;
import java.util.UUID;

/**
 * One ETW event as the decoder sees it: the EVENT_HEADER facts plus the payload bytes and extended data items.
 * Mutable and reused by its producer (the .etl reader, the live consumer) so that decoding a stream allocates little:
 * do not keep a view beyond the call that received it; {@link #copy()} when that is needed.
 * <p>
 * Payload and extended items point into a caller-owned {@code byte[]}; nothing is copied.
 */
public final class EventRecordView {
    /** EVENT_HEADER_FLAG_* values (evntcons.h). */
    public static final int FLAG_EXTENDED_INFO = 0x0001;
    public static final int FLAG_32_BIT_HEADER = 0x0020;
    public static final int FLAG_64_BIT_HEADER = 0x0040;
    public static final int FLAG_CLASSIC_HEADER = 0x0100;

    private static final int MAX_EXT = 16;

    private long providerMsb, providerLsb;
    private UUID providerCache;
    private int eventId, version, channel, level, opcode, task;
    private long keyword;
    private int headerFlags, eventProperty;
    private int defaultPointerSize = 8;
    private long pid = -1, tid = -1;
    private long rawTimestamp;
    private Instant timestamp = Instant.EPOCH;
    private byte[] data = new byte[0];
    private int payloadOffset, payloadLength;
    private int extCount;
    private final int[] extType = new int[MAX_EXT];
    private final byte[][] extData = new byte[MAX_EXT][];
    private final int[] extOffset = new int[MAX_EXT];
    private final int[] extLength = new int[MAX_EXT];
    private long sourceOffset = -1;

    /** Sets the provider GUID from its two halves as {@link UUID} stores them. */
    public EventRecordView provider(long mostSigBits, long leastSigBits) {
        if (mostSigBits != providerMsb || leastSigBits != providerLsb || providerCache == null) {
            providerMsb = mostSigBits;
            providerLsb = leastSigBits;
            providerCache = null;
        }
        return this;
    }

    public EventRecordView provider(UUID id) {
        providerMsb = id.getMostSignificantBits();
        providerLsb = id.getLeastSignificantBits();
        providerCache = id;
        return this;
    }

    /** EVENT_DESCRIPTOR fields. */
    public EventRecordView descriptor(int id, int version, int channel, int level, int opcode, int task, long keyword) {
        this.eventId = id;
        this.version = version;
        this.channel = channel;
        this.level = level;
        this.opcode = opcode;
        this.task = task;
        this.keyword = keyword;
        return this;
    }

    /** EVENT_HEADER.Flags and EventProperty. */
    public EventRecordView flags(int headerFlags, int eventProperty) {
        this.headerFlags = headerFlags;
        this.eventProperty = eventProperty;
        return this;
    }

    /** Pointer size to use when the header flags carry neither 32- nor 64-bit (from the log file / record type). */
    public EventRecordView defaultPointerSize(int bytes) {
        if (bytes != 4 && bytes != 8) throw new IllegalArgumentException("pointer size must be 4 or 8: " + bytes);
        this.defaultPointerSize = bytes;
        return this;
    }

    public EventRecordView process(long pid, long tid) {
        this.pid = pid;
        this.tid = tid;
        return this;
    }

    /** @param raw the header's raw TimeStamp (QPC ticks, FILETIME or cycles), kept for diagnostics */
    public EventRecordView time(long raw, Instant timestamp) {
        this.rawTimestamp = raw;
        this.timestamp = timestamp;
        return this;
    }

    public EventRecordView payload(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("payload out of bounds: " + offset + "+" + length + " > " + data.length);
        }
        this.data = data;
        this.payloadOffset = offset;
        this.payloadLength = length;
        return this;
    }

    public EventRecordView clearExtendedItems() {
        for (int i = 0; i < extCount; i++) extData[i] = null;
        extCount = 0;
        return this;
    }

    /** Adds an EVENT_HEADER_EXTENDED_DATA_ITEM (ExtType, data). Items beyond 16 are ignored. */
    public EventRecordView addExtendedItem(int type, byte[] data, int offset, int length) {
        if (extCount == MAX_EXT) return this;
        extType[extCount] = type;
        extData[extCount] = data;
        extOffset[extCount] = offset;
        extLength[extCount] = length;
        extCount++;
        return this;
    }

    /** Where the record starts in its file (diagnostics), -1 for live events. */
    public EventRecordView sourceOffset(long offset) {
        this.sourceOffset = offset;
        return this;
    }

    public UUID providerId() {
        UUID u = providerCache;
        if (u == null) providerCache = u = new UUID(providerMsb, providerLsb);
        return u;
    }

    public boolean providerIs(UUID id) {
        return id.getMostSignificantBits() == providerMsb && id.getLeastSignificantBits() == providerLsb;
    }

    public int eventId() { return eventId; }
    public int version() { return version; }
    public int channel() { return channel; }
    public int level() { return level; }
    public int opcode() { return opcode; }
    public int task() { return task; }
    public long keyword() { return keyword; }
    public int headerFlags() { return headerFlags; }
    public int eventProperty() { return eventProperty; }
    public long pid() { return pid; }
    public long tid() { return tid; }
    public long rawTimestamp() { return rawTimestamp; }
    public Instant timestamp() { return timestamp; }
    public byte[] data() { return data; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }
    public int extendedItemCount() { return extCount; }
    public int extendedItemType(int i) { checkExt(i); return extType[i]; }
    public byte[] extendedItemData(int i) { checkExt(i); return extData[i]; }
    public int extendedItemOffset(int i) { checkExt(i); return extOffset[i]; }
    public int extendedItemLength(int i) { checkExt(i); return extLength[i]; }
    public long sourceOffset() { return sourceOffset; }

    /** 4 or 8: from the 32/64-bit header flags, else the default the producer set. */
    public int pointerSize() {
        if ((headerFlags & FLAG_32_BIT_HEADER) != 0) return 4;
        if ((headerFlags & FLAG_64_BIT_HEADER) != 0) return 8;
        return defaultPointerSize;
    }

    /** A detached copy (payload and extended data copied). */
    public EventRecordView copy() {
        EventRecordView c = new EventRecordView();
        c.provider(providerMsb, providerLsb).descriptor(eventId, version, channel, level, opcode, task, keyword)
                .flags(headerFlags, eventProperty).defaultPointerSize(defaultPointerSize).process(pid, tid)
                .time(rawTimestamp, timestamp).sourceOffset(sourceOffset);
        byte[] p = java.util.Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
        c.payload(p, 0, p.length);
        for (int i = 0; i < extCount; i++) {
            byte[] e = java.util.Arrays.copyOfRange(extData[i], extOffset[i], extOffset[i] + extLength[i]);
            c.addExtendedItem(extType[i], e, 0, e.length);
        }
        return c;
    }

    private void checkExt(int i) {
        if (i < 0 || i >= extCount) throw new IndexOutOfBoundsException("extended item " + i + " of " + extCount);
    }
}
