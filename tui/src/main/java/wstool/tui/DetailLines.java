package wstool.tui;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;
import wstool.core.sink.EventFields;

/** Every field of one event as "label  value" lines: header, class-specific fields, enrichment, raw source fields. */
final class DetailLines {
    /** Where values start: two spaces, the label padded to 14. */
    static final int VALUE_COLUMN = 16;

    private DetailLines() {}

    static List<String> of(NetEvent e, DateTimeFormatter time) {
        List<String> l = new ArrayList<>();
        EventHeader h = e.header();
        add(l, "time", time.format(h.timestamp()));
        String what = e.eventClass().name().equals(e.kind()) ? e.kind() : e.eventClass() + " " + e.kind();
        add(l, "event", what + "  source " + h.source() + "  direction " + e.direction()
                + (h.ipProtocol() < 0 ? "" : "  protocol " + IpProtocols.name(h.ipProtocol())));
        add(l, "local", h.local().toString());
        String svc = EventFields.service(e);
        add(l, "remote", h.remote().toString() + (svc == null ? "" : "  service " + svc));
        add(l, "process", (h.process() == null ? "?" : h.process()) + "  pid " + (h.attributed() ? h.pid() : "?")
                + (h.user() == null ? "" : "  user " + h.user()));
        Enrichment en = h.enrichment();
        if (en.isEmpty()) {
            add(l, "enrichment", "none");
        } else {
            add(l, "country", join(en.countryCode(), en.countryName()));
            add(l, "city", join(en.city(), en.region() == null ? null : "(" + en.region() + ")"));
            if (en.latitude() != null && en.longitude() != null) add(l, "location", en.latitude() + ", " + en.longitude());
            if (en.asn() != null) add(l, "ASN", join("AS" + en.asn(), en.asOrg()));
            add(l, "DROP", en.dropId() == null ? null : en.dropId() + " (Spamhaus DROP listed)");
            add(l, "special", en.special());
        }
        if (e instanceof FirewallEvent f) {
            add(l, "type", f.type().name());
            add(l, "filter", join(f.filterId() < 0 ? null : Long.toString(f.filterId()), f.filterName() == null ? null : "\"" + f.filterName() + "\""));
            add(l, "layer", join(f.layerId() < 0 ? null : Integer.toString(f.layerId()), f.layerName()));
            add(l, "rule", f.rule());
        } else if (e instanceof SocketEvent s) {
            add(l, "call", s.op() + " " + s.phase() + (s.endpointId() < 0 ? "" : String.format("  endpoint 0x%X", s.endpointId())));
            add(l, "socket", "family " + s.family() + "  type " + s.socketType());
            add(l, "bytes", (s.bytes() < 0 ? "?" : Long.toString(s.bytes())) + " of buffer " + (s.bufferLength() < 0 ? "?" : Long.toString(s.bufferLength())));
            add(l, "status", String.format("0x%08X", s.status()) + (s.statusName() == null ? "" : " " + s.statusName()));
        } else if (e instanceof DnsEvent d) {
            add(l, "query", d.queryName() + (d.queryType() < 0 ? "" : "  type " + d.queryType()));
            add(l, "status", d.status() + (d.statusName() == null ? "" : " " + d.statusName()));
            add(l, "results", d.results().isEmpty() ? "none" : String.join(", ", d.results()));
        } else if (e instanceof RawEvent r) {
            add(l, "provider", r.provider() + "  id " + r.eventId() + "  version " + r.version());
            add(l, "payload", r.payloadHex());
        }
        for (Map.Entry<String, String> raw : h.raw().entrySet()) add(l, "raw." + raw.getKey(), raw.getValue());
        return l;
    }

    private static void add(List<String> l, String label, String value) {
        if (value == null || value.isEmpty()) return;
        StringBuilder sb = new StringBuilder("  ").append(label);
        if (sb.length() >= VALUE_COLUMN) sb.append(' ');
        while (sb.length() < VALUE_COLUMN) sb.append(' ');
        l.add(sb.append(value).toString());
    }

    private static String join(String a, String b) {
        if (a == null) return b;
        return b == null ? a : a + " " + b;
    }
}
