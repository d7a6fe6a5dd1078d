package wstool.etw.decode;

import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.Source;
import wstool.core.packet.LinkType;
import wstool.core.packet.PacketParser;
import wstool.core.packet.ParsedPacket;
import wstool.etw.schema.NdisCaptureSchemas;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft-Windows-NDIS-PacketCapture fragments (1001) reassembled into packets: a fragment with both
 * KW_PACKET_START and KW_PACKET_END is a packet; otherwise fragments of one interface pair (MiniportIfIndex,
 * LowerIfIndex) are joined from the start one to the end one, and only then does a {@link PacketEvent} come out
 * ({@link EventDecoder#decode} returns null for the fragments before). An end without a start, or a start while
 * another packet of the interface is still open, loses nothing: what was gathered comes out marked
 * {@code raw.reassembly}. Component: "ndis if MINIPORT/LOWER".
 */
final class NdisCaptureDecoder implements ProviderDecoder {
    private static final int MAX_PACKET = 1 << 20;
    private final RawFields raw;
    private final Map<Long, ByteArrayOutputStream> open = new HashMap<>();
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    NdisCaptureDecoder(RawFields raw) { this.raw = raw; }

    private record Layout(Field miniport, Field lower, Field fragment) {
        Layout(wstool.etw.schema.EventSchema s) {
            this(Field.required(s, "MiniportIfIndex"), Field.required(s, "LowerIfIndex"), Field.required(s, "Fragment"));
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        if (f.schema().id() != NdisCaptureSchemas.FRAGMENT) return raw.raw(v, Source.ETW_NDIS_CAPTURE, f, f.problem());
        Layout l = layouts.get(f.schema());
        long miniport = f.number(l.miniport), lower = f.number(l.lower);
        long key = miniport << 32 | lower;
        boolean start = (v.keyword() & NdisCaptureSchemas.KW_PACKET_START) != 0;
        boolean end = (v.keyword() & NdisCaptureSchemas.KW_PACKET_END) != 0;
        int off = f.offset(l.fragment), len = f.length(l.fragment);
        String problem = null;
        ByteArrayOutputStream buf = open.remove(key);
        if (start && buf != null) problem = "a packet's start fragment came before the previous one ended: that one is lost";
        if (start || buf == null) {
            if (!start) problem = "an end or middle fragment without its start";
            buf = new ByteArrayOutputStream(end ? len : Math.max(len * 2, 256));
        }
        buf.write(f.data(), off, len);
        if (!end && buf.size() < MAX_PACKET) {
            open.put(key, buf);
            return null;
        }
        if (!end) problem = "longer than " + MAX_PACKET + " bytes without an end fragment";
        return packet(v, f, buf.toByteArray(), miniport, lower, problem);
    }

    private PacketEvent packet(EventRecordView v, DecodedFields f, byte[] frame, long miniport, long lower, String problem) {
        long kw = v.keyword();
        LinkType link = (kw & NdisCaptureSchemas.KW_MEDIA_WIRELESS_WAN) != 0 ? LinkType.RAW_IP
                : (kw & NdisCaptureSchemas.KW_MEDIA_NATIVE_802_11) != 0 ? LinkType.IEEE802_11 : LinkType.ETHERNET;
        Direction dir = (kw & NdisCaptureSchemas.KW_SEND) != 0 ? Direction.OUT
                : (kw & NdisCaptureSchemas.KW_RECEIVE) != 0 ? Direction.IN : Direction.UNKNOWN;
        ParsedPacket p = PacketParser.parse(link, frame, 0, frame.length);
        Endpoint src = Endpoint.of(p.src(), p.srcPort()), dst = Endpoint.of(p.dst(), p.dstPort());
        boolean in = dir == Direction.IN;
        Map<String, String> m = raw.map(v, f, RawFields.mask(Field.of(f.schema(), "Fragment"), Field.of(f.schema(), "FragmentSize")));
        if (m != null) {
            if (problem != null) m.put("reassembly", problem);
            if (p.truncated()) m.put("packetTruncated", "true");
            if (p.malformed() != null) m.put("packetMalformed", p.malformed());
        }
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_NDIS_CAPTURE, EventHeader.UNKNOWN_PID, null, null,
                p.protocol(), in ? dst : src, in ? src : dst, m, null);
        String component = "ndis if " + miniport + "/" + lower;
        // ndiscap logs no length on the wire (etl2pcapng says the same): the captured length is all that is known
        return new PacketEvent(h, dir, component, List.of(component), -1, -1, frame.length, frame.length, p.tcpFlags(),
                null, -1, null, false, link.pcapLinkType(), frame);
    }
}
