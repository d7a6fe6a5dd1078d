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
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.PktMonSchemas;
import wstool.etw.schema.ValueMap;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Microsoft-Windows-PktMon ({@link PktMonSchemas}): packet fragments (160) and dropped-packet fragments (170, 240)
 * become {@link PacketEvent}s, their frame parsed down to the transport header; component (20) and flow-counter (90)
 * events name components and edges ({@link PktMonComponents}) and stay raw. A packet is captured in an arbitrary
 * thread context, so its header PID says nothing: packets carry no process until matched to a socket.
 */
final class PktMonDecoder implements ProviderDecoder {
    private final RawFields raw;
    private final PktMonComponents components;
    private final ValueMap dropReasons;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    PktMonDecoder(RawFields raw, PktMonComponents components) {
        this.raw = raw;
        this.components = components;
        this.dropReasons = raw.registry().map(PktMonSchemas.PKTMON, "DropReason");
    }

    private record Layout(int id, Field group, Field number, Field dirTag, Field packetType, Field component, Field edge,
                          Field dropReason, Field dropLocation, Field originalSize, Field payload,
                          Field compId, Field compType, Field compName, Field compDescription,
                          Field edgeComponent, Field edgeName, Field edgeId) {
        Layout(EventSchema s) {
            this(s.id(), Field.of(s, "PktGroupId"), Field.of(s, "PktNumber"), Field.of(s, "DirTag"),
                    Field.of(s, "PacketType"), Field.of(s, "ComponentId"), Field.of(s, "EdgeId"),
                    Field.of(s, "DropReason"), Field.of(s, "DropLocation"), Field.of(s, "OriginalPayloadSize"),
                    Field.of(s, "Payload"), Field.of(s, "Id"), Field.of(s, "Type"), Field.of(s, "Name"),
                    Field.of(s, "Description"), Field.of(s, "ComponentId"), Field.of(s, "EdgeName"),
                    Field.of(s, "EdgeId"));
        }

        boolean fragment() {
            return id == PktMonSchemas.FRAGMENT || id == PktMonSchemas.DROP_FRAGMENT || id == PktMonSchemas.DUPLICATE_DROP;
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        if (l.fragment()) return packet(v, f, l);
        if (l.id == PktMonSchemas.COMPONENT && f.complete()) {
            String type = f.format(l.compType.index, raw.registry().map(PktMonSchemas.PKTMON, "ComponentType"));
            components.component((int) f.number(l.compId), type, f.string(l.compName), f.string(l.compDescription));
        } else if (l.id == PktMonSchemas.EDGE_COUNTERS && f.complete()) {
            components.edge((int) f.number(l.edgeComponent), (int) f.number(l.edgeId), f.string(l.edgeName));
        }
        return raw.raw(v, Source.ETW_PKTMON, f, f.problem());
    }

    private PacketEvent packet(EventRecordView v, DecodedFields f, Layout l) {
        int componentId = (int) f.number(l.component);
        int off = f.offset(l.payload), len = f.length(l.payload);
        byte[] frame = Arrays.copyOfRange(f.data(), off, off + len);
        LinkType link = linkType((int) f.number(l.packetType));
        ParsedPacket p = PacketParser.parse(link, frame, 0, frame.length);
        Direction dir = direction((int) f.number(l.dirTag));
        long reasonCode = f.number(l.dropReason);
        boolean drop = l.id != PktMonSchemas.FRAGMENT;
        String reason = drop ? dropReasons.lookup(reasonCode) : null;
        if (drop && reason == null) reason = "drop reason " + reasonCode;
        String location = drop ? String.format("0x%08X", f.number(l.dropLocation)) : null;
        Endpoint src = Endpoint.of(p.src(), p.srcPort()), dst = Endpoint.of(p.dst(), p.dstPort());
        boolean in = dir == Direction.IN;
        Map<String, String> m = raw.map(v, f, RawFields.mask(l.payload));
        if (m != null) {
            String edge = components.edgeName(componentId, (int) f.number(l.edge));
            if (edge != null) m.put("edgeName", edge);
            if (p.truncated()) m.put("packetTruncated", "true");
            if (p.malformed() != null) m.put("packetMalformed", p.malformed());
            if (p.vlan() >= 0) m.put("vlan", Integer.toString(p.vlan()));
            if (p.icmpType() >= 0) m.put("icmpType", p.icmpType() + "/" + p.icmpCode());
        }
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_PKTMON, EventHeader.UNKNOWN_PID, null, null,
                p.protocol(), in ? dst : src, in ? src : dst, m, null);
        String name = components.label(componentId);
        return new PacketEvent(h, dir, name, List.of(name), f.number(l.group), (int) f.number(l.number), len,
                (int) f.number(l.originalSize), p.tcpFlags(), reason, drop ? (int) reasonCode : -1, location, false,
                link.pcapLinkType(), frame);
    }

    /** PacketType map of the provider: 1 Ethernet, 2 WiFi, 3 IP, 4 HTTP (no link layer: not dissected). */
    static LinkType linkType(int packetType) {
        return switch (packetType) {
            case 1 -> LinkType.ETHERNET;
            case 2 -> LinkType.IEEE802_11;
            case 3 -> LinkType.RAW_IP;
            default -> LinkType.UNKNOWN;
        };
    }

    /** PacketDirectionTag: 1 In, 3 Rx, 5 Ingress are inbound; 2 Out, 4 Tx, 6 Egress outbound; 0 None. */
    static Direction direction(int tag) {
        return switch (tag) {
            case 1, 3, 5 -> Direction.IN;
            case 2, 4, 6 -> Direction.OUT;
            default -> Direction.UNKNOWN;
        };
    }
}
