package wstool.wfp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;

/**
 * Filter id to {@link WfpFilter}, from one or more state dumps (a later file's entry for the same id wins: the
 * newer dump). Gives a WFP verdict its filter's name when the event has none, the Windows Firewall rule or the
 * provider as {@code rule} when the event has none, and every part in its raw fields ({@code state.*}).
 */
public final class WfpFilterCatalog {
    private final Map<Long, WfpFilter> filters = new HashMap<>();

    public static WfpFilterCatalog of(List<WfpStateReader.State> states) {
        WfpFilterCatalog c = new WfpFilterCatalog();
        for (WfpStateReader.State s : states) c.filters.putAll(s.filters());
        return c;
    }

    public static WfpFilterCatalog read(List<Path> files) throws WfpImportException {
        List<WfpStateReader.State> states = new java.util.ArrayList<>();
        for (Path p : files) states.add(WfpStateReader.read(p));
        return of(states);
    }

    public int size() { return filters.size(); }

    public WfpFilter get(long id) { return filters.get(id); }

    /** The event with what the catalog knows about its filter; other events, and unknown filters, unchanged. */
    public NetEvent describe(NetEvent e) {
        if (!(e instanceof FirewallEvent f) || f.filterId() < 0) return e;
        WfpFilter w = filters.get(f.filterId());
        return w == null ? e : describe(f, w);
    }

    /**
     * {@code f} with what {@code w} says about its filter: the one way both the offline catalog and the live
     * look-up ({@link WindowsNames#filter}) put a filter's provider, sublayer, action and rule on a verdict.
     */
    static FirewallEvent describe(FirewallEvent f, WfpFilter w) {
        Map<String, String> raw = new LinkedHashMap<>(f.header().raw());
        put(raw, "state.filterName", w.name());
        put(raw, "state.filterKey", w.key());
        put(raw, "state.provider", w.providerName());
        put(raw, "state.providerKey", w.providerKey());
        put(raw, "state.subLayer", w.subLayerName() != null ? w.subLayerName() : w.subLayerKey());
        put(raw, "state.layerKey", w.layerKey());
        put(raw, "state.action", w.action());
        put(raw, "state.firewallRule", w.firewallRule());
        EventHeader h = f.header();
        EventHeader withRaw = new EventHeader(h.timestamp(), h.source(), h.pid(), h.process(), h.user(), h.ipProtocol(),
                h.local(), h.remote(), raw, h.enrichment(), h.host(), h.correlation());
        return new FirewallEvent(withRaw, f.type(), f.direction(), f.filterId(),
                f.filterName() != null ? f.filterName() : w.name(), f.layerId(), f.layerName(),
                f.rule() != null ? f.rule() : w.owner());
    }

    private static void put(Map<String, String> raw, String key, String value) {
        if (value != null) raw.put(key, value);
    }
}
