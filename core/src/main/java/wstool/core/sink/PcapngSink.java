package wstool.core.sink;

import wstool.core.model.Direction;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.pipeline.EventSink;
import wstool.core.packet.TcpFlags;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --pcapng} export: every {@link PacketEvent} that has its bytes becomes an Enhanced Packet Block on the
 * interface of its link type and component (one Interface Description Block each, named after the component), with
 * its exact timestamp, original length, direction and a comment saying what ws_tool knows: direction, component path,
 * drop reason and location, PID and process (and whether matched to a socket), country, ASN, DROP listing. Other
 * events are not packets and are skipped; so are packets without bytes (imported from a source that has none), counted.
 */
public final class PcapngSink implements EventSink {
    private final PcapngWriter out;
    private final Map<String, Integer> interfaces = new HashMap<>();
    private long written, withoutBytes;

    public PcapngSink(OutputStream stream) throws IOException {
        this.out = new PcapngWriter(stream, "ws_tool");
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        if (!(e instanceof PacketEvent p)) return;
        if (p.frame().length == 0) {
            withoutBytes++;
            return;
        }
        String component = p.component() == null ? "unknown component" : p.component();
        String key = p.linkType() + "\u0000" + component;
        Integer iface = interfaces.get(key);
        if (iface == null) {
            iface = out.addInterface(p.linkType() < 0 ? 147 : p.linkType(), component,
                    p.header().source() + " " + component);
            interfaces.put(key, iface);
        }
        Boolean inbound = p.direction() == Direction.IN ? Boolean.TRUE : p.direction() == Direction.OUT ? Boolean.FALSE : null;
        out.packet(iface, p.header().timestamp(), p.frame(), p.originalLength(), inbound, comment(p));
        written++;
    }

    /** "direction IN; path A > B; dropped: REASON (1204) at 0x…; pid 42 app.exe (matched by 5-tuple); country GB; AS1 Org; DROP SBL1". */
    static String comment(PacketEvent p) {
        StringBuilder sb = new StringBuilder("ws_tool: direction ").append(p.direction());
        if (!p.path().isEmpty()) sb.append("; path ").append(String.join(" > ", p.path()));
        else if (p.component() != null) sb.append("; component ").append(p.component());
        if (p.tcpFlags() > 0) sb.append("; tcp ").append(TcpFlags.names(p.tcpFlags()));
        if (p.dropped()) {
            sb.append("; dropped: ").append(p.dropReason() == null ? "reason " + p.dropReasonCode() : p.dropReason());
            if (p.dropReasonCode() >= 0) sb.append(" (").append(p.dropReasonCode()).append(')');
            if (p.dropLocation() != null) sb.append(" at ").append(p.dropLocation());
        }
        EventHeader h = p.header();
        if (h.attributed()) {
            sb.append("; pid ").append(h.pid());
            if (h.process() != null) sb.append(' ').append(h.process());
            if (p.processMatched()) sb.append(" (matched by 5-tuple)");
        }
        Enrichment en = h.enrichment();
        if (en.countryCode() != null) sb.append("; country ").append(en.countryCode());
        if (en.asn() != null) sb.append("; AS").append(en.asn()).append(en.asOrg() == null ? "" : " " + en.asOrg());
        if (en.dropId() != null) sb.append("; Spamhaus DROP ").append(en.dropId());
        return sb.toString();
    }

    public long written() { return written; }

    /** Packets that had no bytes to write. */
    public long withoutBytes() { return withoutBytes; }

    @Override public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException { out.close(); }
}
