package wstool.etw.decode;

import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NT Kernel Logger's classic TcpIp and UdpIp events ({@link wstool.etw.schema.KernelLoggerSchemas}): the event
 * type (schema id) gives the operation, IPv6 types being the IPv4 ones plus 16; transfers become SocketEvents as
 * Kernel-Network's do ({@link TransportEvents}). A Fail event (type 17) carries no process, only the address family
 * (Proto) and a FailureCode: a failed connect (TCP) or bind (UDP) with pid -1.
 * <p>
 * TcpIp gives addresses from the connection's side (daddr/dport the peer, also on receives: SMB reads in
 * net.4.5.2.x64.etl have daddr port 445 and saddr the local ephemeral port). UdpIp gives the packet's: a receive has
 * the sender in saddr and the receiving (local) end in daddr. The same capture shows it on loopback, where both ends
 * are known: a 367-byte datagram sent from [::1]:1900 to [::1]:53191 (send: saddr :1900, daddr :53191) is received
 * right after with the same saddr :1900 and daddr :53191, not reversed. (microsoft/perfview issue 859 reports
 * receive addresses looking swapped against Wireshark for TCP and UDP alike; for UDP these records say otherwise.)
 * So UDP receives take the remote end from saddr.
 */
final class KernelLoggerNetDecoder implements ProviderDecoder {
    private static final int FAIL = 17;

    private final RawFields raw;
    private final EndpointReader endpoints;
    private final Source source;
    private final int proto;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    /** @param proto 6 for TcpIp, 17 for UdpIp */
    KernelLoggerNetDecoder(RawFields raw, EndpointReader endpoints, Source source, int proto) {
        this.raw = raw;
        this.endpoints = endpoints;
        this.source = source;
        this.proto = proto;
    }

    private static final class Layout {
        final TransportEvents.Fields fields;
        final Field family, failureCode;
        final SocketOp op;
        final Direction dir;

        Layout(EventSchema s) {
            fields = TransportEvents.Fields.of(s);
            int type = s.id() >= 26 ? s.id() - 16 : s.id();
            family = Field.of(s, "Proto");
            failureCode = Field.of(s, "FailureCode");
            TransportEvents.Operation x = TransportEvents.Operation.of(type);
            op = x.op();
            dir = x.dir();
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        if (l.fields.transfer()) {
            return TransportEvents.socketEvent(v, f, l.fields, raw, endpoints, source, l.op, l.dir, proto, proto == 17);
        }
        if (f.schema().id() != FAIL) return raw.raw(v, source, f, f.problem());
        long code = f.number(l.failureCode);
        Map<String, String> m = raw.map(v, f);
        if (m == null) m = new LinkedHashMap<>();
        m.put(EventDecoder.UNATTRIBUTED, "kernel " + (proto == 6 ? "TcpIp" : "UdpIp") + " Fail events carry no process id");
        EventHeader h = new EventHeader(v.timestamp(), source, -1, null, null, proto, null, null, m, null);
        SocketOp op = proto == 6 ? SocketOp.CONNECT : SocketOp.BIND;
        return new SocketEvent(h, op, CallPhase.COMPLETE, proto == 6 ? Direction.OUT : Direction.UNKNOWN, -1,
                (int) f.number(l.family), proto == 6 ? 1 : 2, -1, -1, code, failureName(code));
    }

    /** The FailureCode values tcpip-fail / udpip-fail list. */
    static String failureName(long code) {
        switch ((int) code) {
            case 1: return "ERROR_INSUFFICIENT_RESOURCES";
            case 2: return "ERROR_TOO_MANY_ADDRESSES";
            case 3: return "ERROR_ADDRESS_EXISTS";
            case 4: return "ERROR_INVALID_ADDRESS";
            case 5: return "ERROR_OTHER";
            case 6: return "ERROR_TIMEWAIT_ADDRESS_EXIST";
            default: return "FailureCode " + code;
        }
    }
}
