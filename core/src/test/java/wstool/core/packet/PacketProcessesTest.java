package wstool.core.packet;

import org.junit.jupiter.api.Test;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PacketProcessesTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final Endpoint LOCAL = Endpoint.of(Addresses.parse("10.0.0.2"), 50000), REMOTE = Endpoint.of(Addresses.parse("81.2.69.142"), 443);

    static SocketEvent socket(int s, SocketOp op, Endpoint local, Endpoint remote) {
        return new SocketEvent(new EventHeader(T.plusSeconds(s), Source.ETW_AFD, 42, "C:\\app.exe", null, 6, local, remote,
                null, null), op, CallPhase.COMPLETE, Direction.OUT, 0xABC, 2, 1, -1, -1, 0, null);
    }

    static PacketEvent packet(int s, Endpoint local, Endpoint remote, int proto) {
        return new PacketEvent(new EventHeader(T.plusSeconds(s), Source.ETW_PKTMON, -1, null, null, proto, local, remote,
                null, null), Direction.OUT, "nic", List.of("nic"), s, 1, 0, 0, -1, null, -1, null, false, 1, null);
    }

    @Test
    void matchedOnlyWhileTheSocketWithThatTupleIsOpen() {
        List<NetEvent> out = new ArrayList<>();
        PacketProcesses p = new PacketProcesses(out::add);
        p.emit(packet(0, LOCAL, REMOTE, 6));                                   // before the socket: nobody
        p.emit(socket(1, SocketOp.CONNECT, LOCAL, REMOTE));
        p.emit(packet(2, LOCAL, REMOTE, 6));                                   // matched
        p.emit(packet(3, LOCAL, Endpoint.of(REMOTE.address(), 80), 6));        // other port: no
        p.emit(packet(4, LOCAL, REMOTE, 17));                                  // other protocol: no
        p.emit(socket(5, SocketOp.CLOSE, Endpoint.NONE, Endpoint.NONE));       // closed by its endpoint id
        p.emit(packet(6, LOCAL, REMOTE, 6));                                   // after the close: nobody
        List<PacketEvent> packets = out.stream().filter(e -> e instanceof PacketEvent).map(e -> (PacketEvent) e).toList();
        assertEquals(5, packets.size());
        assertEquals(List.of(false, true, false, false, false), packets.stream().map(PacketEvent::processMatched).toList());
        assertEquals(42, packets.get(1).header().pid());
        assertEquals("C:\\app.exe", packets.get(1).header().process());
        assertEquals(-1, packets.get(4).header().pid());
        assertEquals(1, p.matched());
        assertEquals(7, out.size(), "socket events pass on too");
    }

    /** An IPv4-mapped socket address is the packet's IPv4 one; link-local addresses match only on the same link. */
    @Test
    void mappedAddressesMatchAndScopesStayApart() throws Exception {
        List<NetEvent> out = new ArrayList<>();
        PacketProcesses p = new PacketProcesses(out::add);
        p.emit(socket(0, SocketOp.CONNECT, Endpoint.of(Addresses.parse("::ffff:10.0.0.2"), 50000),
                Endpoint.of(Addresses.parse("::ffff:81.2.69.142"), 443)));
        byte[] fe80 = Addresses.parse("fe80::1").getAddress();
        byte[] fe82 = Addresses.parse("fe80::2").getAddress();
        Endpoint link5 = Endpoint.of(java.net.Inet6Address.getByAddress(null, fe80, 5), 50001);
        Endpoint peer5 = Endpoint.of(java.net.Inet6Address.getByAddress(null, fe82, 5), 443);
        Endpoint link7 = Endpoint.of(java.net.Inet6Address.getByAddress(null, fe80, 7), 50001);
        Endpoint peer7 = Endpoint.of(java.net.Inet6Address.getByAddress(null, fe82, 7), 443);
        p.emit(socket(1, SocketOp.CONNECT, link5, peer5));
        p.emit(packet(2, LOCAL, REMOTE, 6));  // the mapped tuple: matched
        p.emit(packet(3, link7, peer7, 6));   // same addresses, other link: no
        p.emit(packet(4, link5, peer5, 6));   // its own link: matched
        List<Boolean> matched = out.stream().filter(e -> e instanceof PacketEvent).map(e -> ((PacketEvent) e).processMatched()).toList();
        assertEquals(List.of(true, false, true), matched);
    }
}
