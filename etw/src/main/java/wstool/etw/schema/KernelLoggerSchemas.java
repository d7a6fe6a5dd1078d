package wstool.etw.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The NT Kernel Logger's classic TcpIp and UdpIp events (version 2, Vista and later), which no manifest describes:
 * their layouts are the MOF classes Microsoft documents, written here as schemas whose event id is the event type
 * (the classic header's type, EVENT_DESCRIPTOR.Opcode of a classic record). Sources, learn.microsoft.com/windows/win32/etw:
 * <ul>
 * <li>tcpip-sendipv4 / tcpip-sendipv6 (types 10 / 26): PID, size, daddr, saddr, dport, sport, startime, endtime,
 *     seqnum, connid;</li>
 * <li>tcpip-typegroup1 / tcpip-typegroup3 (11, 13, 14, 16, 18 / 27, 29, 30, 32, 34: Recv, Disconnect, Retransmit,
 *     Reconnect, TCPCopy): PID, size, daddr, saddr, dport, sport, seqnum, connid;</li>
 * <li>tcpip-typegroup2 / tcpip-typegroup4 (12, 15 / 28, 31: Connect, Accept): PID, size, daddr, saddr, dport, sport,
 *     mss, sackopt, tsopt, wsopt (uint16), rcvwin (uint32), rcvwinscale, sndwinscale (sint16), seqnum, connid;</li>
 * <li>tcpip-fail / udpip-fail (17): Proto (uint16, AF_INET 2 / AF_INET6 23), FailureCode (uint16);</li>
 * <li>udpip-typegroup1 / udpip-typegroup2 (10, 11 / 26, 27: Send, Recv): PID, size, daddr, saddr, dport, sport,
 *     seqnum, connid.</li>
 * </ul>
 * daddr/saddr are IPAddrV4 (4 bytes, network order) or IPAddrV6 (16 bytes); ports are in network order; connid has
 * the Pointer qualifier, so it is pointer-sized (8 bytes in the 64-bit records of net.4.5.2.x64.etl, whose payload
 * sizes 32 / 56 / 64 match these layouts only so).
 */
public final class KernelLoggerSchemas {
    /** TcpIpGuid and UdpIpGuid of the NT Kernel Logger (the MOF classes TcpIp and UdpIp). */
    public static final UUID TCPIP = UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2");
    public static final UUID UDPIP = UUID.fromString("bf3a50c5-a9c9-4988-a005-2df0b7c80f80");
    /** The version of the classes above (Windows Vista and later); the V0/V1 classes of XP differ. */
    public static final int VERSION = 2;

    private KernelLoggerSchemas() {}

    public static List<ProviderSchemas> all() {
        return List.of(tcpIp(), udpIp());
    }

    private static ProviderSchemas tcpIp() {
        List<EventSchema> e = new ArrayList<>();
        for (int v6 = 0; v6 <= 16; v6 += 16) {
            String ip = v6 == 0 ? "IPV4" : "IPV6";
            e.add(event(TCPIP, "TcpIp", 10 + v6, "Send" + ip, transfer(v6 > 0, true)));
            for (int t : new int[]{11, 13, 14, 16, 18}) {
                String name = switch (t) {
                    case 11 -> "Recv"; case 13 -> "Disconnect"; case 14 -> "Retransmit"; case 16 -> "Reconnect";
                    default -> "TCPCopy";
                };
                e.add(event(TCPIP, "TcpIp", t + v6, name + ip, transfer(v6 > 0, false)));
            }
            e.add(event(TCPIP, "TcpIp", 12 + v6, "Connect" + ip, connect(v6 > 0)));
            e.add(event(TCPIP, "TcpIp", 15 + v6, "Accept" + ip, connect(v6 > 0)));
        }
        e.add(event(TCPIP, "TcpIp", 17, "Fail", fail()));
        return new ProviderSchemas(TCPIP, "TcpIp", e, Map.of());
    }

    private static ProviderSchemas udpIp() {
        List<EventSchema> e = new ArrayList<>();
        e.add(event(UDPIP, "UdpIp", 10, "SendIPV4", transfer(false, false)));
        e.add(event(UDPIP, "UdpIp", 11, "RecvIPV4", transfer(false, false)));
        e.add(event(UDPIP, "UdpIp", 26, "SendIPV6", transfer(true, false)));
        e.add(event(UDPIP, "UdpIp", 27, "RecvIPV6", transfer(true, false)));
        e.add(event(UDPIP, "UdpIp", 17, "Fail", fail()));
        return new ProviderSchemas(UDPIP, "UdpIp", e, Map.of());
    }

    private static EventSchema event(UUID provider, String name, int type, String typeName, List<FieldSchema> fields) {
        return new EventSchema(provider, name, type, VERSION, 0, name, type, typeName, 4, 0, fields);
    }

    private static List<FieldSchema> addresses(boolean v6) {
        List<FieldSchema> f = new ArrayList<>();
        f.add(field("PID", InType.UINT32));
        f.add(field("size", InType.UINT32));
        f.add(v6 ? binary("daddr", 16) : field("daddr", InType.UINT32));
        f.add(v6 ? binary("saddr", 16) : field("saddr", InType.UINT32));
        f.add(field("dport", InType.UINT16));
        f.add(field("sport", InType.UINT16));
        return f;
    }

    private static List<FieldSchema> transfer(boolean v6, boolean send) {
        List<FieldSchema> f = addresses(v6);
        if (send) {
            f.add(field("startime", InType.UINT32));
            f.add(field("endtime", InType.UINT32));
        }
        f.add(field("seqnum", InType.UINT32));
        f.add(field("connid", InType.POINTER));
        return f;
    }

    private static List<FieldSchema> connect(boolean v6) {
        List<FieldSchema> f = addresses(v6);
        for (String n : new String[]{"mss", "sackopt", "tsopt", "wsopt"}) f.add(field(n, InType.UINT16));
        f.add(field("rcvwin", InType.UINT32));
        f.add(field("rcvwinscale", InType.INT16));
        f.add(field("sndwinscale", InType.INT16));
        f.add(field("seqnum", InType.UINT32));
        f.add(field("connid", InType.POINTER));
        return f;
    }

    private static List<FieldSchema> fail() {
        return List.of(field("Proto", InType.UINT16), field("FailureCode", InType.UINT16));
    }

    private static FieldSchema field(String name, InType t) { return new FieldSchema(name, t, -1, -1, -1, -1, null); }

    private static FieldSchema binary(String name, int len) { return new FieldSchema(name, InType.BINARY, -1, len, -1, -1, null); }
}
