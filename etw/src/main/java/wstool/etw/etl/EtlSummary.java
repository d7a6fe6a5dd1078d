package wstool.etw.etl;

import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.etw.decode.EventRecordView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass over a .etl file saw: events per provider and id, attributed vs unattributed, raw (undecodable)
 * events, kernel records per group, records skipped per kind, damage and the time span. {@code etl-info} and
 * {@code trace --etl} count through the same methods, so they report the same numbers for the same file.
 * Filled by one thread; read after the pass.
 * <p>
 * A timestamp outside the logfile's start/end window (by more than {@link #WINDOW_SLACK}) is counted in
 * {@link #outOfWindow()} and left out of the time span: a damaged record's clock must not stretch it to another century.
 */
public final class EtlSummary {
    /**
     * Sound files carry times a little outside the window their logfile header states (PerfView merges its own
     * logger's events seconds after the kernel session's end); damage is years off.
     */
    static final Duration WINDOW_SLACK = Duration.ofMinutes(1);

    private final Map<String, Map<Integer, Long>> perProvider = new TreeMap<>();
    private long events, eventHeaderEvents, classicEvents, attributed, unattributed, raw, filteredOut, outOfWindow;
    private Instant first, last, windowStart, windowEnd;
    private LogfileHeader header;
    private Map<RecordKind, Long> skipped = Map.of();
    private Map<String, Long> kernelGroups = Map.of();
    private long unknownBytes, buffers, compressedBuffers, damaged;
    private List<EtlFormatException> damage = List.of();

    private int processNames;

    void processNames(int n) { processNames = n; }

    /** Processes named by kernel Process records (0: events carry PIDs only). */
    public int processNames() { return processNames; }

    /** The first damaged place met (the pass went on past it), or null when the file was sound. */
    public EtlFormatException damage() { return damage.isEmpty() ? null : damage.get(0); }

    /** Damaged places met; each cost at most the rest of its buffer. */
    public long damaged() { return damaged; }

    void header(LogfileHeader h) {
        header = h;
        windowStart = h.startTime().minus(WINDOW_SLACK);
        windowEnd = h.endTime().isAfter(h.startTime()) ? h.endTime().plus(WINDOW_SLACK) : null;
    }

    /** Counts one delivered record under its provider's name (EVENT_HEADER) or its classic/kernel label. */
    void countRecord(String providerName, EventRecordView v) {
        boolean classic = (v.headerFlags() & EventRecordView.FLAG_CLASSIC_HEADER) != 0;
        String label = providerName != null ? providerName : "{" + v.providerId() + "}";
        if (classic) {
            label = v.providerIs(KernelGroup.TCPIP_GUID) ? "kernel TcpIp"
                    : v.providerIs(KernelGroup.UDPIP_GUID) ? "kernel UdpIp" : label + " (classic)";
        }
        perProvider.computeIfAbsent(label, k -> new TreeMap<>()).merge(classic ? v.opcode() : v.eventId(), 1L, Long::sum);
        events++;
        if (classic) classicEvents++; else eventHeaderEvents++;
        Instant t = v.timestamp();
        if (t.isBefore(windowStart) || (windowEnd != null && t.isAfter(windowEnd))) {
            outOfWindow++;
            return;
        }
        if (first == null || t.isBefore(first)) first = t;
        if (last == null || t.isAfter(last)) last = t;
    }

    void countDecoded(NetEvent e) {
        if (e instanceof RawEvent) raw++;
        if (e.header().attributed()) attributed++; else unattributed++;
    }

    void countFilteredOut() { filteredOut++; }

    void finish(EtlStats stats) {
        skipped = stats.skippedByKind();
        kernelGroups = stats.kernelGroups();
        unknownBytes = stats.unknownBytesSkipped();
        buffers = stats.buffers();
        compressedBuffers = stats.compressedBuffers();
        damaged = stats.damaged();
        damage = List.copyOf(stats.damage());
    }

    public LogfileHeader header() { return header; }
    /** Delivered events per provider label and event id (classic and kernel records: per EventType). */
    public Map<String, Map<Integer, Long>> perProvider() { return perProvider; }
    public long events() { return events; }
    /** Of {@link #events()}: EVENT_HEADER records (manifest / TraceLogging providers). */
    public long eventHeaderEvents() { return eventHeaderEvents; }
    /** Of {@link #events()}: classic records (EVENT_TRACE_HEADER with a GUID, kernel TcpIp/UdpIp). */
    public long classicEvents() { return classicEvents; }
    public long attributed() { return attributed; }
    public long unattributed() { return unattributed; }
    public long raw() { return raw; }
    /** Events skipped by the provider filter before decoding. */
    public long filteredOut() { return filteredOut; }
    /** Events whose timestamp lies outside the logfile's start/end window (not used for the time span). */
    public long outOfWindow() { return outOfWindow; }
    public Map<RecordKind, Long> skippedByKind() { return skipped; }
    /** Kernel (system/perfinfo header) records per group name, network groups included. */
    public Map<String, Long> kernelGroups() { return kernelGroups; }
    public long buffers() { return buffers; }
    public long compressedBuffers() { return compressedBuffers; }
    public Instant first() { return first; }
    public Instant last() { return last; }

    public String render(boolean decoded) {
        StringBuilder sb = new StringBuilder();
        sb.append("ETL summary: ").append(events).append(" events");
        if (decoded) sb.append(" (").append(attributed).append(" attributed to a process, ").append(unattributed)
                .append(" unattributed, ").append(raw).append(" raw)");
        if (filteredOut > 0) sb.append(", ").append(filteredOut).append(" of other providers skipped");
        sb.append('\n');
        sb.append("  ").append(eventHeaderEvents).append(" EVENT_HEADER, ").append(classicEvents).append(" classic; ")
                .append(buffers).append(" buffers");
        if (compressedBuffers > 0) sb.append(" (").append(compressedBuffers).append(" compressed)");
        sb.append('\n');
        if (first != null) {
            sb.append("  time span: ").append(first).append(" .. ").append(last).append(" (")
                    .append(Duration.between(first, last).toMillis() / 1000.0).append(" s)\n");
        }
        if (outOfWindow > 0) {
            sb.append("  ").append(outOfWindow).append(" events dated outside the logfile's window ")
                    .append(header.startTime()).append(" .. ").append(header.endTime()).append(" (not in the time span)\n");
        }
        for (Map.Entry<String, Map<Integer, Long>> p : perProvider.entrySet()) {
            long total = p.getValue().values().stream().mapToLong(Long::longValue).sum();
            sb.append("  ").append(p.getKey()).append(": ").append(total).append(" —");
            p.getValue().forEach((id, n) -> sb.append(" id ").append(id).append(": ").append(n).append(';'));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (!kernelGroups.isEmpty()) {
            sb.append("  kernel records per group:");
            kernelGroups.forEach((g, n) -> sb.append(' ').append(g).append(' ').append(n).append(';'));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (decoded) {
            sb.append(processNames > 0 ? "  process names: " + processNames + " from kernel Process records\n"
                    : "  no kernel Process records: events carry PIDs only (--exe cannot match)\n");
        }
        if (damaged > 0) {
            sb.append("  damaged: ").append(damaged).append(damaged == 1 ? " place" : " places")
                    .append(", each skipped to the next buffer; first: ").append(damage.get(0).getMessage()).append('\n');
        }
        if (!skipped.isEmpty()) {
            sb.append("  records skipped (not events):");
            skipped.forEach((k, n) -> sb.append(' ').append(k).append(' ').append(n).append(';'));
            sb.setLength(sb.length() - 1);
            if (unknownBytes > 0) sb.append(" (").append(unknownBytes).append(" bytes after unknown records)");
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One sentence for a file that had damage: the file, how many places, the first of them; null when sound. */
    public EtlFormatException damageReport(java.nio.file.Path file) {
        EtlFormatException f = damage();
        if (f == null) return null;
        String first = f.getMessage().replaceFirst(" at byte offset \\d+$", "");
        return new EtlFormatException(f.offset(), file + ": " + damaged + (damaged == 1 ? " damaged place" : " damaged places")
                + ", each skipped to the next buffer (every intact buffer was read); the first: " + first);
    }
}
