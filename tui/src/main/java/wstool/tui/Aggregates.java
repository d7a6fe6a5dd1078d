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
    private final Counter<String> processes = new Counter<>(MAX_KEYS, Aggregates::fileName);
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
        if (h.process() != null) processes.add(h.process());
        if (en.dropId() != null) dropHits.add(en.dropId());
        if (e instanceof FirewallEvent f) {
            if (f.filterName() != null) filters.add(f.filterName());
            else if (f.filterId() >= 0) filters.add(f.filterId());
            else if (f.rule() != null) filters.add(f.rule());
        }
    }

    public Counter<String> countries() { return countries; }
    public Counter<Long> asns() { return asns; }
    /** By full path, shown by file name. */
    public Counter<String> processes() { return processes; }
    public Counter<String> dropHits() { return dropHits; }
    public Counter<Object> filters() { return filters; }

    private String asLabel(Long asn) {
        String org = asOrgs.get(asn);
        return org == null ? "AS" + asn : "AS" + asn + " " + org;
    }

    private static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }
}
