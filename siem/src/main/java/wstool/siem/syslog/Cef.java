package wstool.siem.syslog;

import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;

/**
 * ArcSight Common Event Format (CEF:0) for {@code --syslog-format cef}:
 * {@code CEF:0|ws_tool|ws_tool|VERSION|KIND|NAME|SEVERITY|EXTENSION}. Header fields escape '\' and '|', extension
 * values '\', '=' and line breaks, as the CEF specification requires. src/dst follow the traffic direction as in ECS.
 */
final class Cef {
    private Cef() {}

    static String of(NetEvent e, String version) {
        EventHeader h = e.header();
        StringBuilder sb = new StringBuilder(256).append("CEF:0|ws_tool|ws_tool|").append(header(version)).append('|')
                .append(header(e.kind())).append('|').append(header(e.eventClass() + " " + e.kind())).append('|')
                .append(Rfc5424.severity(e) == 4 ? 6 : 3).append('|');
        ext(sb, "rt", Long.toString(h.timestamp().toEpochMilli()));
        boolean inbound = e.direction() == Direction.IN;
        var src = inbound ? h.remote() : h.local();
        var dst = inbound ? h.local() : h.remote();
        if (e.direction() != Direction.UNKNOWN) {
            if (src.address() != null) ext(sb, "src", src.addressText());
            if (src.port() >= 0) ext(sb, "spt", Integer.toString(src.port()));
            if (dst.address() != null) ext(sb, "dst", dst.addressText());
            if (dst.port() >= 0) ext(sb, "dpt", Integer.toString(dst.port()));
            ext(sb, "deviceDirection", inbound ? "0" : "1");
        }
        if (h.ipProtocol() >= 0) ext(sb, "proto", IpProtocols.name(h.ipProtocol()));
        ext(sb, "dvchost", h.host());
        if (h.attributed()) ext(sb, "spid", Long.toString(h.pid()));
        ext(sb, "sproc", h.process());
        ext(sb, "suser", h.user());
        if (e instanceof FirewallEvent f) {
            ext(sb, "act", f.type().isDrop() ? "blocked" : f.type().label().toLowerCase(java.util.Locale.ROOT));
            ext(sb, "cs1Label", "rule");
            ext(sb, "cs1", f.filterName() != null ? f.filterName() : f.rule());
        } else if (e instanceof SocketEvent s) {
            if (s.bytes() >= 0) ext(sb, inbound ? "in" : "out", Long.toString(s.bytes()));
            if (s.failed()) ext(sb, "reason", s.statusName() != null ? s.statusName() : Long.toString(s.status()));
        } else if (e instanceof DnsEvent d) {
            ext(sb, "destinationDnsDomain", d.queryName());
        }
        String drop = h.enrichment().dropId();
        if (drop != null) {
            ext(sb, "cs2Label", "spamhausDrop");
            ext(sb, "cs2", drop);
        }
        if (h.enrichment().countryCode() != null) {
            ext(sb, "cs3Label", "remoteCountry");
            ext(sb, "cs3", h.enrichment().countryCode());
        }
        return sb.toString().stripTrailing();
    }

    static String header(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace('\r', ' ').replace('\n', ' ');
    }

    static String value(String s) {
        return s.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void ext(StringBuilder sb, String key, String v) {
        if (v == null || v.isEmpty()) return;
        sb.append(key).append('=').append(value(v)).append(' ');
    }
}
