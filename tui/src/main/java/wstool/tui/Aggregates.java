package wstool.tui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;

/** Session-long counts over every event the view received (not only those still in the ring): the top panel. */
final class Aggregates {
    static final int MAX_KEYS = 10_000;

    private final Counter<String> countries = new Counter<>(MAX_KEYS, s -> s);
    private final Map<Long, String> asOrgs = new ConcurrentHashMap<>();
    private final Counter<Long> asns = new Counter<>(MAX_KEYS, this::asLabel);
    private final Map<ProcessKey, String> processNames = new ConcurrentHashMap<>();
    private final Counter<ProcessKey> processes = new Counter<>(MAX_KEYS, this::processLabel);
    private final Counter<String> dropHits = new Counter<>(MAX_KEYS, s -> s);
    private final Counter<Object> filters = new Counter<>(MAX_KEYS, k -> k instanceof Long id ? "filter " + id : k.toString());

    /** Consumer thread only. */
    public void add(NetEvent e) {
        EventHeader h = e.header();
        Enrichment en = h.enrichment();
        if (en.countryCode() != null) countries.add(en.countryCode());
        if (en.asn() != null) {
            asns.add(en.asn());
            if (en.asOrg() != null && !asOrgs.containsKey(en.asn()) && asOrgs.size() < MAX_KEYS) asOrgs.put(en.asn(), en.asOrg());
        }
        ProcessKey p = processKey(h);
        if (p != null) {
            processes.add(p);
            if (p.name() != null && !processNames.containsKey(p) && processNames.size() < MAX_KEYS) {
                processNames.put(p, fileName(h.process()));
            }
        }
        if (en.dropId() != null) dropHits.add(en.dropId());
        if (e instanceof FirewallEvent f) {
            if (f.filterName() != null) filters.add(f.filterName());
            else if (f.filterId() >= 0) filters.add(f.filterId());
            else if (f.rule() != null) filters.add(f.rule());
        }
    }

    public Counter<String> countries() { return countries; }
    public Counter<Long> asns() { return asns; }
    /** One entry per process (pid and program file name), shown as "name[pid]", "pid N" without a name. */
    public Counter<ProcessKey> processes() { return processes; }
    public Counter<String> dropHits() { return dropHits; }
    public Counter<Object> filters() { return filters; }

    private String asLabel(Long asn) {
        String org = asOrgs.get(asn);
        return org == null ? "AS" + asn : "AS" + asn + " " + org;
    }

    /**
     * A process as the top panel counts it: its pid and its program's file name, case-folded, so that the full path
     * one source reports and the bare name another reports are one entry; a pid without a name counts too.
     */
    public record ProcessKey(long pid, String name) {
        static ProcessKey of(EventHeader h) {
            String name = h.process() == null || h.process().isEmpty() ? null : fileName(h.process()).toLowerCase(java.util.Locale.ROOT);
            if (name == null && !h.attributed()) return null;
            return new ProcessKey(h.attributed() ? h.pid() : EventHeader.UNKNOWN_PID, name);
        }
    }

    private String lastProcess;
    private long lastPid;
    private ProcessKey lastKey;

    /** The key of the last event's process again when it is the same (most runs are): no allocation per event. */
    private ProcessKey processKey(EventHeader h) {
        if (lastKey != null && h.pid() == lastPid && h.process() == lastProcess) return lastKey;
        lastKey = ProcessKey.of(h);
        lastPid = h.pid();
        lastProcess = h.process();
        return lastKey;
    }

    private String processLabel(ProcessKey k) {
        String name = processNames.getOrDefault(k, k.name());
        if (name == null) return "pid " + k.pid();
        return k.pid() == EventHeader.UNKNOWN_PID ? name + "[?]" : name + "[" + k.pid() + "]";
    }

    private static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }
}
