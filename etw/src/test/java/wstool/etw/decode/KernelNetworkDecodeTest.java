package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.Fixtures;
import wstool.etw.etl.EtlReader;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Decodes the real capture; expected values read by hand from the bytes (see etw/tools/etl_check.py output). */
class KernelNetworkDecodeTest {

    private static List<NetEvent> decodeAll() throws Exception {
        EventDecoder d = new EventDecoder();
        List<NetEvent> out = new ArrayList<>();
        try (EtlReader r = EtlReader.open(Fixtures.kernelNetworkEtl())) {
            EventRecordView v;
            while ((v = r.next()) != null) out.add(d.decode(v));
        }
        return out;
    }

    @Test
    void everyEventIsAnAttributedSocketEvent() throws Exception {
        List<NetEvent> all = decodeAll();
        assertEquals(8923, all.size());
        for (NetEvent e : all) {
            SocketEvent s = assertInstanceOf(SocketEvent.class, e);
            assertEquals(Source.ETW_KERNEL_NETWORK, s.header().source());
            assertTrue(s.header().pid() > 0, "pid from payload");
            assertNotNull(s.header().remote().address());
            assertTrue(s.header().remote().port() >= 0 && s.header().local().port() >= 0);
            assertFalse(s.header().raw().containsKey("decodeProblem"), s.header().raw().toString());
        }
        long udpSends = all.stream().map(e -> (SocketEvent) e)
                .filter(s -> s.op() == SocketOp.SEND && s.header().ipProtocol() == 17).count();
        assertEquals(8, udpSends); // id 42
    }

    @Test
    void ipv6ReceiveFieldByField() throws Exception {
        SocketEvent s = (SocketEvent) decodeAll().get(0);
        // payload 80090000 25000000 2001489800000fff00005efe0af6060d 2001489800000fff00005efe0a796a76 5fa5 0d3d ...
        assertEquals(SocketOp.RECV, s.op());
        assertEquals(Direction.IN, s.direction());
        assertEquals(CallPhase.SINGLE, s.phase());
        assertEquals(2432, s.header().pid());
        assertEquals(37, s.bytes());
        assertEquals(6, s.header().ipProtocol());
        assertEquals(SockAddr.AF_INET6, s.family());
        assertEquals("2001:4898:0:fff:0:5efe:af6:60d", s.header().remote().addressText());
        assertEquals(0x5fa5, s.header().remote().port());
        assertEquals("2001:4898:0:fff:0:5efe:a79:6a76", s.header().local().addressText());
        assertEquals(3389, s.header().local().port());
        assertEquals("KERNEL_NETWORK_TASK_TCPIP/Datareceived.", s.header().raw().get("event"));
    }

    @Test
    void ipv4ReceiveFieldByField() throws Exception {
        List<NetEvent> all = decodeAll();
        for (int i : new int[]{100, 8922}) {
            SocketEvent s = (SocketEvent) all.get(i);
            assertEquals(SocketOp.RECV, s.op());
            assertEquals(2716, s.header().pid());
            assertEquals(SockAddr.AF_INET, s.family());
            assertEquals("157.56.244.38", s.header().remote().addressText());
            assertEquals(443, s.header().remote().port());
            assertEquals("10.121.106.118", s.header().local().addressText());
            assertEquals(61740, s.header().local().port());
        }
        assertEquals(4101, ((SocketEvent) all.get(100)).bytes());
        assertEquals(4730, ((SocketEvent) all.get(8922)).bytes());
    }
}
