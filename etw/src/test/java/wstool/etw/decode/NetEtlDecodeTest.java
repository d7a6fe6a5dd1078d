package wstool.etw.decode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.Fixtures;
import wstool.etw.etl.EtlEventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The network events of the real PerfView trace net.4.5.2.x64.etl (359 of 360 buffers compressed), read through the
 * .etl source. Every expected value was read by hand once from the decompressed bytes (a throwaway MS-XCA + record
 * walker in Python, independent of this code): the kernel logger's TcpIp (490) and UdpIp (36) records, the four
 * DNS-Client events (all DnsServerForInterface, no queries in this capture) and the two Kernel-Process events.
 */
class NetEtlDecodeTest {
    private static final List<NetEvent> events = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        new EtlEventSource(Fixtures.etl("net.4.5.2.x64.etl"), Set.of(), null).run(events::add);
    }

    private static List<SocketEvent> sockets(Source s) {
        List<SocketEvent> out = new ArrayList<>();
        for (NetEvent e : events) if (e instanceof SocketEvent se && se.header().source() == s) out.add(se);
        return out;
    }

    private static SocketEvent first(Source s, Predicate<SocketEvent> p) {
        return sockets(s).stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such " + s + " event"));
    }

    private static void assertEnds(SocketEvent e, String remote, int rport, String local, int lport) {
        assertEquals(remote, e.header().remote().addressText(), "remote");
        assertEquals(rport, e.header().remote().port(), "remote port");
        assertEquals(local, e.header().local().addressText(), "local");
        assertEquals(lport, e.header().local().port(), "local port");
    }

    @Test
    void everyClassicTcpAndUdpRecordIsASocketEventOfANamedProcess() {
        List<SocketEvent> tcp = sockets(Source.ETW_TCPIP_CLASSIC), udp = sockets(Source.ETW_UDPIP_CLASSIC);
        assertEquals(490, tcp.size());
        assertEquals(36, udp.size());
        assertEquals(240, tcp.stream().filter(e -> e.op() == SocketOp.SEND).count());
        assertEquals(250, tcp.stream().filter(e -> e.op() == SocketOp.RECV).count());
        assertEquals(7, udp.stream().filter(e -> e.op() == SocketOp.SEND).count());
        for (SocketEvent e : tcp) {
            assertEquals(4, e.header().pid());
            assertEquals("System", e.header().process());
            assertEquals(445, e.header().remote().port());
        }
        for (SocketEvent e : udp) {
            assertNotNull(e.header().process(), e.toString());
            assertFalse(e.header().raw().containsKey("decodeProblem"), e.toString());
        }
    }

    @Test
    void fiveClassicEventsFieldByField() {
        // the first TcpIp record: SendIPV6, PID 4, size 65652, startime = endtime = 0x796
        SocketEvent send = sockets(Source.ETW_TCPIP_CLASSIC).get(0);
        assertEquals(SocketOp.SEND, send.op());
        assertEquals(Direction.OUT, send.direction());
        assertEquals(65652, send.bytes());
        assertEquals(6, send.header().ipProtocol());
        assertEnds(send, "2001:4898:e0:81:7cb9:ab:cd5:e6af", 445, "2001:4898:f0:26:b18e:e85f:db5d:8e8", 64025);
        assertEquals("TcpIp/SendIPV6", send.header().raw().get("event"));
        assertEquals("1942", send.header().raw().get("startime"));
        assertEquals("1942", send.header().raw().get("endtime"));
        assertEquals("0x0", send.header().raw().get("connid"));
        // the second: RecvIPV6 of 84 bytes on the same connection
        SocketEvent recv = sockets(Source.ETW_TCPIP_CLASSIC).get(1);
        assertEquals(SocketOp.RECV, recv.op());
        assertEquals(84, recv.bytes());
        assertEnds(recv, "2001:4898:e0:81:7cb9:ab:cd5:e6af", 445, "2001:4898:f0:26:b18e:e85f:db5d:8e8", 64025);
        // the only UdpIp SendIPV4: System's NetBIOS datagram broadcast, 201 bytes
        SocketEvent bcast = first(Source.ETW_UDPIP_CLASSIC, e -> e.op() == SocketOp.SEND && e.family() == SockAddr.AF_INET);
        assertEquals(4, bcast.header().pid());
        assertEquals(201, bcast.bytes());
        assertEquals(17, bcast.header().ipProtocol());
        assertEnds(bcast, "10.128.3.255", 138, "10.128.0.55", 138);
        // SSDP over loopback, svchost 2108: 367 bytes sent from :1900 to :53191, then received by :53191
        SocketEvent ssdp = first(Source.ETW_UDPIP_CLASSIC, e -> e.op() == SocketOp.SEND && e.bytes() == 367);
        assertEquals(2108, ssdp.header().pid());
        assertEquals("svchost.exe", ssdp.header().process());
        assertEnds(ssdp, "::1", 53191, "::1", 1900);
        SocketEvent ssdpIn = first(Source.ETW_UDPIP_CLASSIC, e -> e.op() == SocketOp.RECV && e.bytes() == 367);
        assertEnds(ssdpIn, "::1", 1900, "::1", 53191);
        // an LLMNR query from a LAN peer received by svchost 1188: 29 bytes from [fe80::7c23:ce3c:94a7:b840]:50649
        SocketEvent llmnr = first(Source.ETW_UDPIP_CLASSIC, e -> e.bytes() == 29 && e.family() == SockAddr.AF_INET6);
        assertEquals(SocketOp.RECV, llmnr.op());
        assertEquals(1188, llmnr.header().pid());
        assertEquals("svchost.exe", llmnr.header().process());
        assertEnds(llmnr, "fe80::7c23:ce3c:94a7:b840", 50649, "ff02::1:3", 5355);
    }

    @Test
    void theFourDnsClientEventsFieldByField() {
        List<RawEvent> dns = new ArrayList<>();
        for (NetEvent e : events) if (e.header().source() == Source.ETW_DNS_CLIENT) dns.add(assertInstanceOf(RawEvent.class, e));
        assertEquals(4, dns.size());
        String[] servers = {"2001:4898::1050:1050", "2001:4898::1050:5050", "10.50.10.50", "10.50.50.50"};
        String[] lengths = {"28", "28", "16", "16"};
        for (int i = 0; i < 4; i++) {
            RawEvent e = dns.get(i);
            assertEquals("Microsoft-Windows-DNS-Client", e.provider());
            assertEquals(1001, e.eventId());
            assertEquals(1188, e.header().pid());
            assertEquals("svchost.exe", e.header().process());
            assertEquals("DnsServerForInterface", e.header().raw().get("event"));
            assertEquals("Ethernet", e.header().raw().get("Interface"));
            assertEquals("4", e.header().raw().get("TotalServerCount"));
            assertEquals(Integer.toString(i + 1), e.header().raw().get("Index"));
            assertEquals("1 (dynamic)", e.header().raw().get("DynamicAddress"));
            assertEquals(lengths[i], e.header().raw().get("AddressLength"));
            assertEquals(servers[i], e.header().remote().addressText());
            assertNull(e.header().raw().get("decodeProblem"));
        }
    }

    @Test
    void kernelProcessStartAndStop() {
        List<RawEvent> kp = new ArrayList<>();
        for (NetEvent e : events) if (e.header().source() == Source.ETW_KERNEL_PROCESS) kp.add((RawEvent) e);
        assertEquals(2, kp.size());
        String image = "\\Device\\Mup\\clrmain\\public\\PerfInvestigations\\20-07-28.TestTraces\\Test.x64.exe";
        RawEvent start = kp.get(0), stop = kp.get(1);
        assertEquals(1, start.eventId());
        assertEquals(3676, start.header().pid());
        assertEquals(image, start.header().process());
        assertEquals("3508", start.header().raw().get("ParentProcessID"));
        assertEquals(2, stop.eventId());
        assertEquals(3676, stop.header().pid());
        assertEquals("0", stop.header().raw().get("ExitCode"));
        assertEquals("101", stop.header().raw().get("HandleCount"));
        assertEquals("Test.x64.exe", stop.header().raw().get("ImageName"));
    }
}
