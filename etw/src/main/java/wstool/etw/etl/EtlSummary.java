package wstool.etw.etl;

import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass over a .etl file saw: events per provider and id, attributed vs unattributed, raw (undecodable)
 * events, records skipped per kind and the time span. Filled by one thread; read after the pass.
 */
public final class EtlSummary {
    private final Map<String, Map<Integer, Long>> perProvider = new TreeMap<>();
    private long events, attributed, unattributed, raw, filteredOut;
    private Instant first, last;
    private LogfileHeader header;
    private Map<RecordKind, Long> skipped = Map.of();
    private long unknownBytes;
    private EtlFormatException damage;

    private int processNames;

    void damage(EtlFormatException e) { damage = e; }
    void processNames(int n) { processNames = n; }

    /** Processes named by kernel Process records (0: events carry PIDs only). */
    public int processNames() { return processNames; }

    /** The damage that ended the pass early (counts cover what came before it), or null. */
    public EtlFormatException damage() { return damage; }

    void header(LogfileHeader h) { header = h; }

    /** Counts a record's provider/id and time (for etl-info, without decoding). */
    void countRecord(String provider, int id, Instant t) {
        perProvider.computeIfAbsent(provider, k -> new TreeMap<>()).merge(id, 1L, Long::sum);
        events++;
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
        unknownBytes = stats.unknownBytesSkipped();
    }

    public LogfileHeader header() { return header; }
    public Map<String, Map<Integer, Long>> perProvider() { return perProvider; }
    public long events() { return events; }
    public long attributed() { return attributed; }
    public long unattributed() { return unattributed; }
    public long raw() { return raw; }
    /** Events skipped by the provider filter before decoding. */
    public long filteredOut() { return filteredOut; }
    public Map<RecordKind, Long> skippedByKind() { return skipped; }
    public Instant first() { return first; }
    public Instant last() { return last; }

    public String render(boolean decoded) {
        StringBuilder sb = new StringBuilder();
        sb.append("ETL summary: ").append(events).append(" events");
        if (decoded) sb.append(" (").append(attributed).append(" attributed to a process, ").append(unattributed)
                .append(" unattributed, ").append(raw).append(" raw)");
        if (filteredOut > 0) sb.append(", ").append(filteredOut).append(" of other providers skipped");
        sb.append('\n');
        if (first != null) {
            sb.append("  time span: ").append(first).append(" .. ").append(last).append(" (")
                    .append(Duration.between(first, last).toMillis() / 1000.0).append(" s)\n");
        }
        for (Map.Entry<String, Map<Integer, Long>> p : perProvider.entrySet()) {
            long total = p.getValue().values().stream().mapToLong(Long::longValue).sum();
            sb.append("  ").append(p.getKey()).append(": ").append(total).append(" —");
            p.getValue().forEach((id, n) -> sb.append(" id ").append(id).append(": ").append(n).append(';'));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (decoded) {
            sb.append(processNames > 0 ? "  process names: " + processNames + " from kernel Process records\n"
                    : "  no kernel Process records: events carry PIDs only (--exe cannot match)\n");
        }
        if (damage != null) sb.append("  stopped early: ").append(damage.getMessage()).append('\n');
        if (!skipped.isEmpty()) {
            sb.append("  records skipped (not EVENT_HEADER):");
            skipped.forEach((k, n) -> sb.append(' ').append(k).append(' ').append(n).append(';'));
            sb.setLength(sb.length() - 1);
            if (unknownBytes > 0) sb.append(" (").append(unknownBytes).append(" bytes after unknown records)");
            sb.append('\n');
        }
        return sb.toString();
    }
}
