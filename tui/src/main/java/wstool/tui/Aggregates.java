package wstool.tui;

import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;

/** Session-long counts over every event the view received (not only those still in the ring): the top panel. */
public final class Aggregates {
    static final int MAX_KEYS = 10_000;

    private final Counter countries = new Counter(MAX_KEYS);
    private final Counter asns = new Counter(MAX_KEYS);
    private final Counter processes = new Counter(MAX_KEYS);
    private final Counter dropHits = new Counter(MAX_KEYS);
    private final Counter filters = new Counter(MAX_KEYS);

    /** Consumer thread only. */
    public void add(NetEvent e) {
        EventHeader h = e.header();
        Enrichment en = h.enrichment();
        if (en.countryCode() != null) countries.add(en.countryCode());
        if (en.asn() != null) asns.add(en.asOrg() == null ? "AS" + en.asn() : "AS" + en.asn() + " " + en.asOrg());
        if (h.process() != null) processes.add(h.processName());
        if (en.dropId() != null) dropHits.add(en.dropId());
        if (e instanceof FirewallEvent f) {
            if (f.filterName() != null) filters.add(f.filterName());
            else if (f.filterId() >= 0) filters.add("filter " + f.filterId());
            else if (f.rule() != null) filters.add(f.rule());
        }
    }

    public Counter countries() { return countries; }
    public Counter asns() { return asns; }
    public Counter processes() { return processes; }
    public Counter dropHits() { return dropHits; }
    public Counter filters() { return filters; }
}
