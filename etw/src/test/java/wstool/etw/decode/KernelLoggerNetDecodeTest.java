package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.schema.KernelLoggerSchemas;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The NT Kernel Logger's classic TcpIp/UdpIp events, payloads built by field name against the MOF layouts
 * (values like those of records in net.4.5.2.x64.etl; the records themselves are checked in NetEtlDecodeTest).
 */
class KernelLoggerNetDecodeTest {
    private final EventDecoder decoder = new EventDecoder();

    private static RecordBuilder tcp(int type) {
        return RecordBuilder.of(EventDecoder.TCPIP_CLASSIC, type, KernelLoggerSchemas.VERSION).classic();
    }

    private static RecordBuilder udp(int type) {
        return RecordBuilder.of(EventDecoder.UDPIP_CLASSIC, type, KernelLoggerSchemas.VERSION).classic();
    }

    private static RecordBuilder ends(RecordBuilder b, byte[] daddr, int dport, byte[] saddr, int sport) {
        return b.set("daddr", daddr).set("saddr", saddr)
                .set("dport", new byte[]{(byte) (dport >> 8), (byte) dport})
                .set("sport", new byte[]{(byte) (sport >> 8), (byte) sport});
    }

    private static byte[] ip(String literal) throws Exception { return InetAddress.getByName(literal).getAddress(); }

    private SocketEvent decode(RecordBuilder b) {
        return assertInstanceOf(SocketEvent.class, decoder.decode(b.view(0xFFFFFFFFL)));
    }

    @Test
    void tcpSendIpv6() throws Exception {
        RecordBuilder b = ends(tcp(26).set("PID", 4).set("size", 65652), ip("2001:4898:e0:81:7cb9:ab:cd5:e6af"), 445,
                ip("2001:4898:f0:26:b18e:e85f:db5d:8e8"), 64025)
                .set("startime", 0x796).set("endtime", 0x796).set("seqnum", 0).set("connid", 0);
        assertEquals(64, b.pack().length, "TcpIp_SendIPV6 with an 8-byte connid");
        SocketEvent e = decode(b);
        assertEquals(Source.ETW_TCPIP_CLASSIC, e.header().source());
        assertEquals(SocketOp.SEND, e.op());
        assertEquals(Direction.OUT, e.direction());
        assertEquals(CallPhase.SINGLE, e.phase());
        assertEquals(4, e.header().pid());
        assertEquals(65652, e.bytes());
        assertEquals(6, e.header().ipProtocol());
        assertEquals(SockAddr.AF_INET6, e.family());
        assertEquals("2001:4898:e0:81:7cb9:ab:cd5:e6af", e.header().remote().addressText());
        assertEquals(445, e.header().remote().port());
        assertEquals("2001:4898:f0:26:b18e:e85f:db5d:8e8", e.header().local().addressText());
        assertEquals(64025, e.header().local().port());
        assertEquals("TcpIp/SendIPV6", e.header().raw().get("event"));
        assertEquals("1942", e.header().raw().get("startime"));
        assertFalse(e.header().raw().containsKey("PID"), "PID is in the model, not repeated in raw");
    }

    @Test
    void everyTcpTypeHasItsOperation() throws Exception {
        int[][] types = {{10, 26}, {11, 27}, {12, 28}, {13, 29}, {14, 30}, {15, 31}, {16, 32}, {18, 34}};
        SocketOp[] ops = {SocketOp.SEND, SocketOp.RECV, SocketOp.CONNECT, SocketOp.DISCONNECT, SocketOp.RETRANSMIT,
                SocketOp.ACCEPT, SocketOp.RECONNECT, SocketOp.RECV};
        for (int i = 0; i < types.length; i++) {
            for (int k = 0; k < 2; k++) {
                RecordBuilder b = tcp(types[i][k]);
                boolean v6 = k == 1;
                for (var f : b.schema().fields()) {
                    if (f.name().equals("daddr") || f.name().equals("saddr")) continue;
                    if (f.name().equals("dport") || f.name().equals("sport")) continue;
                    b.set(f.name(), f.name().equals("PID") ? 1000 + i : 7);
                }
                ends(b, ip(v6 ? "2001:db8::1" : "192.0.2.1"), 80, ip(v6 ? "2001:db8::2" : "192.0.2.2"), 50000);
                SocketEvent e = decode(b);
                assertEquals(ops[i], e.op(), "type " + types[i][k]);
                assertEquals(1000 + i, e.header().pid());
                assertEquals(v6 ? SockAddr.AF_INET6 : SockAddr.AF_INET, e.family());
                assertEquals(80, e.header().remote().port());
                assertEquals(ops[i].transfersData() ? 7 : -1, e.bytes());
            }
        }
    }

    @Test
    void udpSendIpv4AndRecvIpv6() throws Exception {
        SocketEvent send = decode(ends(udp(10).set("PID", 4).set("size", 201), ip("10.128.3.255"), 138,
                ip("10.128.0.55"), 138).set("seqnum", 0).set("connid", 0));
        assertEquals(Source.ETW_UDPIP_CLASSIC, send.header().source());
        assertEquals(SocketOp.SEND, send.op());
        assertEquals(17, send.header().ipProtocol());
        assertEquals(2, send.socketType());
        assertEquals("10.128.3.255:138", send.header().remote().toString());
        assertEquals("10.128.0.55:138", send.header().local().toString());
        assertEquals(201, send.bytes());

        // a UDP receive names the sender in saddr: it is the remote end (see KernelLoggerNetDecoder)
        SocketEvent recv = decode(ends(udp(27).set("PID", 2108).set("size", 367), ip("::1"), 53191, ip("::1"), 1900)
                .set("seqnum", 0).set("connid", 0));
        assertEquals(SocketOp.RECV, recv.op());
        assertEquals(Direction.IN, recv.direction());
        assertEquals(2108, recv.header().pid());
        assertEquals(1900, recv.header().remote().port());
        assertEquals(53191, recv.header().local().port());
        // a TCP receive names the peer in daddr
        SocketEvent tcpRecv = decode(ends(tcp(27).set("PID", 4).set("size", 84), ip("2001:db8::1"), 445,
                ip("2001:db8::2"), 64025).set("seqnum", 0).set("connid", 0));
        assertEquals(445, tcpRecv.header().remote().port());
        assertEquals(64025, tcpRecv.header().local().port());
    }

    @Test
    void failCarriesFamilyAndFailureCodeButNoProcess() {
        SocketEvent e = decode(tcp(17).set("Proto", 23).set("FailureCode", 3));
        assertEquals(SocketOp.CONNECT, e.op());
        assertEquals(CallPhase.COMPLETE, e.phase());
        assertEquals(-1, e.header().pid());
        assertEquals(23, e.family());
        assertEquals(3, e.status());
        assertEquals("ERROR_ADDRESS_EXISTS", e.statusName());
        assertTrue(e.failed());
        assertTrue(e.header().raw().get(EventDecoder.UNATTRIBUTED).contains("no process"));
        SocketEvent u = decode(udp(17).set("Proto", 2).set("FailureCode", 1));
        assertEquals(SocketOp.BIND, u.op());
        assertEquals("ERROR_INSUFFICIENT_RESOURCES", u.statusName());
    }

    @Test
    void unknownTypeOrVersionStaysRaw() {
        byte[] p = tcp(11).set("PID", 1).packIncomplete();
        EventRecordView v = tcp(11).view(0, p).descriptor(0, 1, 0, 4, 11, 0, 0); // version 1 (XP layout): not known
        NetEvent e = decoder.decode(v);
        RawEvent r = assertInstanceOf(RawEvent.class, e);
        assertEquals(Source.ETW_TCPIP_CLASSIC, r.header().source());
        assertEquals("TcpIp", r.provider());
        assertTrue(r.header().raw().get("decodeProblem").contains("no schema"));
        // a payload cut inside the addresses is a decode problem, not a SocketEvent with made-up fields
        NetEvent cut = decoder.decode(tcp(11).view(0, java.util.Arrays.copyOf(p, 6)));
        assertInstanceOf(RawEvent.class, cut);
        assertTrue(cut.header().raw().get("decodeProblem").contains("size"), cut.header().raw().toString());
    }
}
