package wstool.etw.etl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts kept while reading a .etl file: records per header kind, kernel records per group, buffers (compressed
 * ones too) and the damage met: each damaged place ended its buffer only (or, for a damaged buffer header, the
 * bytes up to the next sound buffer header were skipped). Not thread-safe.
 */
public final class EtlStats {
    /** Damage descriptions kept in full; beyond them only the count grows. */
    static final int KEPT_DAMAGE = 20;

    private final long[] records = new long[RecordKind.values().length];
    private final long[] kernelGroups = new long[256];
    private long buffers, compressedBuffers;
    private long unknownBytesSkipped;
    private long damaged, damagedBytesSkipped;
    private final List<EtlFormatException> damage = new ArrayList<>();
    private long bytesConsumed;

    void record(RecordKind kind) { records[kind.ordinal()]++; }
    void kernelGroup(int group) { kernelGroups[group & 0xFF]++; }

    void add(EtlStats o) {
        for (int i = 0; i < records.length; i++) records[i] += o.records[i];
        for (int i = 0; i < kernelGroups.length; i++) kernelGroups[i] += o.kernelGroups[i];
        buffers += o.buffers;
        compressedBuffers += o.compressedBuffers;
        unknownBytesSkipped += o.unknownBytesSkipped;
        damaged += o.damaged;
        damagedBytesSkipped += o.damagedBytesSkipped;
        for (EtlFormatException e : o.damage) if (damage.size() < KEPT_DAMAGE) damage.add(e);
        bytesConsumed += o.bytesConsumed;
    }

    void buffer(boolean compressed, long diskSize) {
        buffers++;
        if (compressed) compressedBuffers++;
        bytesConsumed += diskSize;
    }

    void unknownSkipped(long bytes) { unknownBytesSkipped += bytes; }

    void damage(EtlFormatException e, long bytesSkipped) {
        damaged++;
        damagedBytesSkipped += Math.max(0, bytesSkipped);
        if (damage.size() < KEPT_DAMAGE) damage.add(e);
    }

    public long records(RecordKind kind) { return records[kind.ordinal()]; }
    public long buffers() { return buffers; }
    /** Buffers stored MS-XCA compressed (BufferFlag 0x40). */
    public long compressedBuffers() { return compressedBuffers; }
    /** Bytes of buffers left unread after a record of unknown type. */
    public long unknownBytesSkipped() { return unknownBytesSkipped; }
    /** Damaged places met (a record that does not fit, a buffer that does not decompress, a bad buffer header). */
    public long damaged() { return damaged; }
    /** Bytes of the (decompressed) buffers and file left unread because of damage. */
    public long damagedBytesSkipped() { return damagedBytesSkipped; }
    /** The first damaged places, in the order met (per CPU stream when reading in time order). */
    public List<EtlFormatException> damage() { return Collections.unmodifiableList(damage); }
    /** On-disk bytes of the buffers read so far. */
    long bytesConsumed() { return bytesConsumed; }

    /** Kernel (system/perfinfo header) records per EVENT_TRACE_GROUP, by group name; only groups seen. */
    public Map<String, Long> kernelGroups() {
        Map<String, Long> m = new TreeMap<>();
        for (int g = 0; g < kernelGroups.length; g++) if (kernelGroups[g] > 0) m.put(KernelGroup.name(g), kernelGroups[g]);
        return m;
    }

    /** Records not delivered as events (instance, WPP/timed, unknown kinds); only kinds seen. */
    public Map<RecordKind, Long> skippedByKind() {
        Map<RecordKind, Long> m = new EnumMap<>(RecordKind.class);
        for (RecordKind k : RecordKind.values()) {
            if (!k.delivered() && records[k.ordinal()] > 0) m.put(k, records[k.ordinal()]);
        }
        return m;
    }
}
