package wstool.etw.decode;

import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;

import java.util.Map;

/**
 * The SocketEvent of a kernel TCP/UDP transfer event. Kernel-Network and the NT Kernel Logger's TcpIp/UdpIp classes
 * share the field names PID, size, daddr, saddr, dport, sport: the PID from the payload, daddr/dport remote,
 * saddr/sport local (ports in network order), the size as bytes of data-transfer operations.
 */
final class TransportEvents {
    private TransportEvents() {}

    /** The transfer fields of one schema; {@link #pid} undeclared = not a transfer event. */
    record Fields(Field pid, Field size, Field daddr, Field saddr, Field dport, Field sport, long inModel) {
        static Fields of(EventSchema s) {
            Field pid = Field.of(s, "PID");
            Field size = pid.declared() ? Field.required(s, "size") : Field.of(s, "size");
            Field daddr = Field.of(s, "daddr"), saddr = Field.of(s, "saddr");
            Field dport = Field.of(s, "dport"), sport = Field.of(s, "sport");
            return new Fields(pid, size, daddr, saddr, dport, sport, RawFields.mask(pid, size, daddr, saddr, dport, sport));
        }

        boolean transfer() { return pid.declared(); }
    }

    /** The operation of a TCP/IP event type: 10 send, 11 receive, 12 connect, 13 disconnect, 14 retransmit,
     *  15 accept, 16 reconnect, 17 connect failed, 18 data copied for the user (a receive); others OTHER. */
    record Operation(SocketOp op, Direction dir) {
        static Operation of(int type) {
            switch (type) {
                case 10: return new Operation(SocketOp.SEND, Direction.OUT);
                case 11: case 18: return new Operation(SocketOp.RECV, Direction.IN);
                case 12: case 17: return new Operation(SocketOp.CONNECT, Direction.OUT);
                case 13: return new Operation(SocketOp.DISCONNECT, Direction.UNKNOWN);
                case 14: return new Operation(SocketOp.RETRANSMIT, Direction.OUT);
                case 15: return new Operation(SocketOp.ACCEPT, Direction.IN);
                case 16: return new Operation(SocketOp.RECONNECT, Direction.OUT);
                default: return new Operation(SocketOp.OTHER, Direction.UNKNOWN);
            }
        }
    }

    static SocketEvent socketEvent(EventRecordView v, DecodedFields f, Fields x, RawFields raw, EndpointReader endpoints,
                                   Source source, SocketOp op, Direction dir, int proto) {
        return socketEvent(v, f, x, raw, endpoints, source, op, dir, proto, false);
    }

    /** @param packetView daddr/dport are the packet's destination, i.e. local for a receive (classic UDP receives) */
    static SocketEvent socketEvent(EventRecordView v, DecodedFields f, Fields x, RawFields raw, EndpointReader endpoints,
                                   Source source, SocketOp op, Direction dir, int proto, boolean packetView) {
        long pid = f.number(x.pid);
        long bytes = f.number(x.size);
        Endpoint d = endpoints.endpoint(f, x.daddr, x.dport);
        Endpoint s = endpoints.endpoint(f, x.saddr, x.sport);
        boolean swap = packetView && dir == Direction.IN;
        Endpoint remote = swap ? s : d;
        Endpoint local = swap ? d : s;
        int family = remote.address() == null ? -1 : remote.isIpv6() ? SockAddr.AF_INET6 : SockAddr.AF_INET;
        Map<String, String> m = raw.map(v, f, x.inModel);
        EventHeader h = new EventHeader(v.timestamp(), source, pid, null, null, proto, local, remote, m, null);
        return new SocketEvent(h, op, CallPhase.SINGLE, dir, -1, family, proto == 6 ? 1 : 2,
                -1, op.transfersData() ? bytes : -1, 0, null);
    }
}
