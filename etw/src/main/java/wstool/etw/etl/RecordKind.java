package wstool.etw.etl;

/**
 * Trace record header kinds found inside ETW buffers (TRACE_HEADER_TYPE_* in the marker's third byte).
 * {@link #EVENT_HEADER} and classic {@link #FULL_HEADER} records are delivered as events, kernel records (system,
 * compact, perfinfo) are counted per group and those of the network groups delivered; the other kinds are skipped by
 * their size and counted.
 */
public enum RecordKind {
    /** SYSTEM_TRACE_HEADER (kernel logger), 32-byte header; size at offset 4. */
    SYSTEM(32, 4),
    /** Compact SYSTEM_TRACE_HEADER without CPU times, 24 bytes; size at offset 4. */
    COMPACT_SYSTEM(24, 4),
    /** PERFINFO_TRACE_HEADER, 16 bytes; size at offset 4. */
    PERFINFO(16, 4),
    /** Classic EVENT_TRACE_HEADER (MOF events), 48 bytes; size at offset 0. */
    FULL_HEADER(48, 0),
    /** EVENT_INSTANCE_HEADER, 48+ bytes; size at offset 0. */
    INSTANCE(48, 0),
    /** EVENT_HEADER (manifest / TraceLogging events), 80 bytes; size at offset 0. */
    EVENT_HEADER(80, 0),
    /** Timed, error, WNODE and WPP message records; size at offset 0. */
    OTHER(8, 0),
    /** An unrecognised header type: the rest of its buffer is skipped (the next buffer re-synchronises). */
    UNKNOWN(0, 0);

    private final int minSize;
    private final int sizeOffset;

    RecordKind(int minSize, int sizeOffset) {
        this.minSize = minSize;
        this.sizeOffset = sizeOffset;
    }

    public int minSize() { return minSize; }
    public int sizeOffset() { return sizeOffset; }

    /** Kinds the reader reads as events (kernel ones: counted per group, network groups delivered). */
    public boolean delivered() {
        return this == EVENT_HEADER || this == FULL_HEADER || this == SYSTEM || this == COMPACT_SYSTEM || this == PERFINFO;
    }

    /** Header of the NT Kernel Logger's own records: group and type in the HookId, no provider GUID. */
    public boolean kernel() { return this == SYSTEM || this == COMPACT_SYSTEM || this == PERFINFO; }

    /** Kind for a TRACE_HEADER_TYPE_* value. */
    public static RecordKind ofHeaderType(int type) {
        switch (type) {
            case 1: case 2: return SYSTEM;
            case 3: case 4: return COMPACT_SYSTEM;
            case 0x10: case 0x11: return PERFINFO;
            case 0x0A: case 0x14: return FULL_HEADER;
            case 0x0B: case 0x15: return INSTANCE;
            case 0x12: case 0x13: return EVENT_HEADER;
            case 0x0C: case 0x0D: case 0x0E: case 0x0F: return OTHER;
            default: return UNKNOWN;
        }
    }
}
