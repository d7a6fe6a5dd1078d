package wstool.etw.etl;

import java.util.EnumMap;
import java.util.Map;

/** Counts kept while reading a .etl file: records per header kind and buffers. Not thread-safe. */
public final class EtlStats {
    private final long[] records = new long[RecordKind.values().length];
    private long buffers;
    private long unknownBytesSkipped;

    void record(RecordKind kind) { records[kind.ordinal()]++; }

    void add(EtlStats o) {
        for (int i = 0; i < records.length; i++) records[i] += o.records[i];
        buffers += o.buffers;
        unknownBytesSkipped += o.unknownBytesSkipped;
    }
    void buffer() { buffers++; }
    void unknownSkipped(long bytes) { unknownBytesSkipped += bytes; }

    public long records(RecordKind kind) { return records[kind.ordinal()]; }
    public long buffers() { return buffers; }
    /** Bytes of buffers left unread after a record of unknown type. */
    public long unknownBytesSkipped() { return unknownBytesSkipped; }

    /** Records that were skipped, not decoded: every kind but EVENT_HEADER, only kinds seen. */
    public Map<RecordKind, Long> skippedByKind() {
        Map<RecordKind, Long> m = new EnumMap<>(RecordKind.class);
        for (RecordKind k : RecordKind.values()) {
            if (k != RecordKind.EVENT_HEADER && records[k.ordinal()] > 0) m.put(k, records[k.ordinal()]);
        }
        return m;
    }
}
