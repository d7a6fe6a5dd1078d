package wstool.core.sink;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;

/**
 * One line per event for people, in the spirit of wsock-trace's ws_tool:
 * {@code time kind dir proto local -> remote (service) geo ASN [DROP] process detail}: a chosen summary, not a
 * field list; its fields are read and worded through {@link EventFields} like every other output's. The time carries
 * its zone ({@code Z} for UTC, else the offset, e.g. {@code +01:00}) since CSV and JSON write UTC. Every string
 * that comes from the event goes through {@link TerminalText#clean}: a capture can hold escape sequences.
 */
public final class TextFormat {
    /** The text line's time: local (or UTC with --utc) with its offset. */
    public static final String PATTERN = "yyyy-MM-dd HH:mm:ss.SSSSSSXXX";

    private final DateTimeFormatter time;
    private final Palette palette;

    public TextFormat(ZoneId zone, Palette palette) {
        this.time = DateTimeFormatter.ofPattern(PATTERN).withZone(zone);
        this.palette = palette;
    }

    public String format(NetEvent e) {
        EventHeader h = e.header();
        StringBuilder sb = new StringBuilder(160);
        sb.append(time.format(h.timestamp())).append("  ");
        sb.append(palette.paint(role(e), pad(c(EventFields.KIND.text(e)), 11)));
        sb.append(pad(e.direction() == Direction.UNKNOWN ? "-" : EventFields.DIRECTION.text(e), 4));
        sb.append(pad(EventFields.PROTOCOL.text(e), 7));
        String local = h.local().toString();
        String remote = h.remote().toString();
        if (!local.isEmpty() || !remote.isEmpty()) {
            sb.append(local.isEmpty() ? "?" : local).append(" -> ").append(remote.isEmpty() ? "?" : remote);
            String svc = EventFields.service(e);
            if (svc != null) sb.append(" (").append(c(svc)).append(')');
        }
        appendGeo(sb, h.enrichment());
        if (h.process() != null || h.attributed()) {
            sb.append("  ").append(h.processName() == null ? "?" : c(h.processName()));
            sb.append('[').append(h.attributed() ? Long.toString(h.pid()) : "?").append(']');
        }
        appendDetail(sb, e);
        return sb.toString();
    }

    private void appendGeo(StringBuilder sb, Enrichment en) {
        if (en.isEmpty()) return;
        sb.append("  ");
        if (en.countryCode() != null) {
            sb.append(c(en.countryCode()));
            if (en.city() != null) sb.append('/').append(c(en.city()));
        } else if (en.special() != null) {
            sb.append(c(en.special()));
        }
        if (en.asn() != null) {
            sb.append(" AS").append(en.asn());
            if (en.asOrg() != null) sb.append(' ').append(c(en.asOrg()));
        }
        if (en.dropId() != null) sb.append(' ').append(palette.paint("listed", "[DROP " + c(en.dropId()) + "]"));
    }

    private void appendDetail(StringBuilder sb, NetEvent e) {
        if (e instanceof FirewallEvent f) {
                if (f.filterName() != null) sb.append("  filter \"").append(c(f.filterName())).append('"');
                else if (f.filterId() >= 0) sb.append("  filter ").append(f.filterId());
                if (f.layerName() != null) sb.append(" layer ").append(c(f.layerName()));
                if (f.rule() != null) sb.append("  rule ").append(c(f.rule()));
        } else if (e instanceof SocketEvent s) {
                if (s.bytes() >= 0) sb.append("  ").append(s.bytes()).append(" B");
                if (s.failed()) {
                    sb.append("  ").append(palette.paint("error",
                            s.statusName() != null ? c(s.statusName()) : String.format("0x%08X", s.status())));
                }
        } else if (e instanceof DnsEvent d) {
                sb.append("  ").append(d.queryName() == null ? "?" : c(d.queryName()));
                if (!d.results().isEmpty()) sb.append(" = ").append(c(String.join(", ", d.results())));
                if (d.status() != 0) sb.append("  ").append(palette.paint("error", d.statusName() != null ? c(d.statusName()) : Long.toString(d.status())));
        } else if (ProcessExit.is(e)) {
            String code = e.header().raw().get(ProcessExit.EXIT_CODE);
            sb.append("  process exit").append(code == null ? "" : " (code " + c(code) + ")");
        } else if (e instanceof RawEvent r) {
            sb.append("  ").append(c(r.provider())).append(" id ").append(r.eventId()).append(" v").append(r.version());
        }
    }

    /** The colour role of an event's kind: drop, allow, dns, connect, error or dim (shared with the TUI). */
    public static String role(NetEvent e) {
        if (e instanceof FirewallEvent f) return f.type().isDrop() ? "drop" : "allow";
        if (e instanceof DnsEvent) return "dns";
        if (e instanceof SocketEvent s) return s.failed() ? "error" : "connect";
        return "dim";
    }

    private static String c(String s) { return TerminalText.clean(s); }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) sb.append(' ');
        if (sb.length() == s.length()) sb.append(' ');
        return sb.toString();
    }
}
