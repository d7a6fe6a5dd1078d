package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;

import static org.junit.jupiter.api.Assertions.*;

/** Winsock-AFD payloads built by field name (Windows 10 and 7 templates, 64-bit), decoded and attributed. */
class AfdDecodeTest {
    static final long EPROC = 0xffffa00012340080L, EPROC2 = 0xffffa000abcd0080L;
    static final long ENDPOINT = 0xffffb00000002000L;

    private final EventDecoder decoder = new EventDecoder();

    private SocketEvent decode(RecordBuilder b, long headerPid) {
        return assertInstanceOf(SocketEvent.class, decoder.decode(b.view(headerPid)));
    }

    /** An AFD event of the 1000+ set with the fields every one of them starts with. */
    private static RecordBuilder afd(int id, int enterExit, long eprocess, long endpoint) {
        return RecordBuilder.of(EventDecoder.AFD, id, 0).set("EnterExit", enterExit).set("Location", 7)
                .set("Process", eprocess).set("Endpoint", endpoint);
    }

    /** An event of the Windows 7 set (ids below 1000). */
    private static RecordBuilder legacy(int id, long eprocess, long endpoint) {
        return RecordBuilder.of(EventDecoder.AFD, id, 0).set("Process", eprocess).set("Endpoint", endpoint);
    }

    @Test
    void createConnectSendCloseAttributedThroughEprocessAndEndpoint() throws Exception {
        SocketEvent create = decode(afd(1000, 1, EPROC, ENDPOINT).set("AddressFamily", 2).set("SocketType", 1)
                .set("Protocol", 6).set("ProcessId", 4242).set("Status", 0), 0);
        assertEquals(SocketOp.CREATE, create.op());
        assertEquals(CallPhase.COMPLETE, create.phase());
        assertEquals(4242, create.header().pid());
        assertEquals(ENDPOINT, create.endpointId());
        assertEquals(2, create.family());
        assertEquals(1, create.socketType());
        assertEquals(6, create.header().ipProtocol());
        assertEquals(Source.ETW_AFD, create.header().source());
        assertEquals("STATUS_SUCCESS", create.statusName());

        // 1018 AfdConnectWithAddress; header PID 0 (DPC)
        SocketEvent connect = decode(afd(1018, 0, EPROC, ENDPOINT).set("Buffer", 0).set("BufferLength", 0)
                .set("Status", 0).set("Address", PayloadBuilder.sockaddrIn("93.184.216.34", 443)), 0);
        assertEquals(SocketOp.CONNECT, connect.op());
        assertEquals(CallPhase.START, connect.phase());
        assertEquals(Direction.OUT, connect.direction());
        assertEquals(4242, connect.header().pid());
        assertEquals("93.184.216.34:443", connect.header().remote().toString());
        assertEquals(2, connect.family());
        assertEquals(1, connect.socketType(), "socket type remembered from create");

        // 1003 AfdSend complete
        SocketEvent send = decode(afd(1003, 1, EPROC, ENDPOINT).set("BufferCount", 1).set("Buffer", 0x1000)
                .set("BufferLength", 512).set("Status", 0), 0);
        assertEquals(SocketOp.SEND, send.op());
        assertEquals(CallPhase.COMPLETE, send.phase());
        assertEquals(512, send.bytes());
        assertEquals(-1, send.bufferLength());
        assertEquals(4242, send.header().pid());

        SocketEvent sendStart = decode(afd(1003, 0, EPROC, ENDPOINT).set("BufferCount", 1).set("Buffer", 0x1000)
                .set("BufferLength", 2048).set("Status", 0), 0);
        assertEquals(2048, sendStart.bufferLength());
        assertEquals(-1, sendStart.bytes());

        // 1001 AfdClose complete, then the endpoint is forgotten
        SocketEvent close = decode(afd(1001, 1, EPROC, ENDPOINT).set("Status", 0), 0);
        assertEquals(SocketOp.CLOSE, close.op());
        assertEquals(4242, close.header().pid());
        assertNull(decoder.attribution().endpoint(ENDPOINT));
    }

    @Test
    void requestStartTeachesEprocessFromHeaderPidAndUnknownsStayUnattributed() throws Exception {
        SocketEvent unknown = decode(afd(1003, 1, EPROC2, ENDPOINT).set("BufferCount", 1).set("Buffer", 0)
                .set("BufferLength", 10).set("Status", 0), 0);
        assertEquals(-1, unknown.header().pid());
        assertTrue(unknown.header().raw().get(EventDecoder.UNATTRIBUTED).contains("ffffa000abcd0080"),
                unknown.header().raw().toString());

        SocketEvent start = decode(afd(1004, 0, EPROC2, ENDPOINT).set("BufferCount", 1).set("Buffer", 0)
                .set("BufferLength", 100).set("Status", 0), 777);
        assertEquals(777, start.header().pid());
        assertEquals(SocketOp.RECV, start.op());
        assertEquals(Direction.IN, start.direction());
        SocketEvent done = decode(afd(1004, 1, EPROC2, ENDPOINT).set("BufferCount", 1).set("Buffer", 0)
                .set("BufferLength", 60).set("Status", 0), 0);
        assertEquals(777, done.header().pid());
        assertEquals(60, done.bytes());
        assertFalse(done.header().raw().containsKey(EventDecoder.UNATTRIBUTED));
    }

    @Test
    void ipv6SendToWithStatusName() throws Exception {
        decode(afd(1000, 1, EPROC, ENDPOINT).set("AddressFamily", 23).set("SocketType", 2).set("Protocol", 17)
                .set("ProcessId", 99).set("Status", 0), 0);
        // 1007 AfdSendToWithAddress
        SocketEvent e = decode(afd(1007, 1, EPROC, ENDPOINT).set("BufferCount", 1).set("Buffer", 0)
                .set("BufferLength", 40).set("Status", 0xC0000236L)
                .set("Address", PayloadBuilder.sockaddrIn6("2001:db8::1", 53)), 0);
        assertEquals(SocketOp.SENDTO, e.op());
        assertEquals(java.net.InetAddress.getByName("2001:db8::1"), e.header().remote().address());
        assertEquals(53, e.header().remote().port());
        assertEquals(23, e.family());
        assertEquals(17, e.header().ipProtocol());
        assertEquals(0xC0000236L, e.status());
        assertEquals("STATUS_CONNECTION_REFUSED", e.statusName());
        assertTrue(e.failed());
        assertEquals(99, e.header().pid());
    }

    @Test
    void bindAddressIsLocal() throws Exception {
        // 1030 AfdBindWithAddress
        SocketEvent bind = decode(afd(1030, 1, EPROC, ENDPOINT).set("Status", 0)
                .set("Address", PayloadBuilder.sockaddrIn("0.0.0.0", 8080)), 0);
        assertEquals(SocketOp.BIND, bind.op());
        assertEquals("0.0.0.0:8080", bind.header().local().toString());
        assertSame(wstool.core.model.Endpoint.NONE, bind.header().remote());
    }

    @Test
    void windows7EventSet() throws Exception {
        SocketEvent create = decode(legacy(1, EPROC, ENDPOINT).set("AddressFamily", 23).set("SocketType", 1)
                .set("Protocol", 6).set("UserModePid", 2020), 0);
        assertEquals(SocketOp.CREATE, create.op());
        assertEquals(2020, create.header().pid());
        // id 5 connect v6: Address is a 16-byte Binary, Port apart (network order)
        SocketEvent connect = decode(legacy(5, EPROC, ENDPOINT)
                .set("Address", java.net.InetAddress.getByName("2001:db8::5").getAddress())
                .set("Port", new byte[]{0x01, (byte) 0xbb}), 0);
        assertEquals(SocketOp.CONNECT, connect.op());
        assertEquals(CallPhase.START, connect.phase());
        assertEquals(java.net.InetAddress.getByName("2001:db8::5"), connect.header().remote().address());
        assertEquals(443, connect.header().remote().port());
        assertEquals(2020, connect.header().pid());
        // id 2 bind v4: Address a UInt32 holding the bytes in network order
        SocketEvent bind = decode(legacy(2, EPROC, ENDPOINT).set("Address", new byte[]{10, 0, 0, 7})
                .set("Port", new byte[]{0x1f, (byte) 0x90}).set("Status", 0xC000020AL), 0);
        assertEquals(SocketOp.BIND, bind.op());
        assertEquals("10.0.0.7:8080", bind.header().local().toString());
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", bind.statusName());
        // id 24 send completed
        SocketEvent sent = decode(legacy(24, EPROC, ENDPOINT).set("Buffer", 0x5000).set("BufferLength", 1200), 0);
        assertEquals(SocketOp.SEND, sent.op());
        assertEquals(CallPhase.COMPLETE, sent.phase());
        assertEquals(1200, sent.bytes());
        assertEquals(2020, sent.header().pid());
        // id 13 close
        SocketEvent close = decode(legacy(13, EPROC, ENDPOINT).set("Error", 0), 0);
        assertEquals(SocketOp.CLOSE, close.op());
        assertNull(decoder.attribution().endpoint(ENDPOINT));
    }

    @Test
    void builderRefusesWhatTheSchemaDoesNotSay() {
        assertThrows(IllegalArgumentException.class, () -> afd(1001, 1, EPROC, ENDPOINT).set("Bufferlen", 3));
        assertThrows(IllegalArgumentException.class, () -> afd(1001, 1, EPROC, ENDPOINT).set("Status", "ok"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> afd(1001, 1, EPROC, ENDPOINT).pack());
        assertTrue(e.getMessage().contains("Status"), e.getMessage());
    }

    @Test
    void eventLackingAFieldItsDecoderNeedsComesBackRawNamingIt() {
        // a Kernel-Network send whose payload stops after PID: no SocketEvent with a made-up size
        RecordBuilder b = RecordBuilder.of(EventDecoder.KERNEL_NETWORK, 10, 0).set("PID", 4);
        byte[] cut = java.util.Arrays.copyOf(b.packIncomplete(), 4);
        EventRecordView v = b.view(0, cut);
        NetEvent e = decoder.decode(v);
        RawEvent r = assertInstanceOf(RawEvent.class, e);
        assertTrue(r.header().raw().get("decodeProblem").contains("size"), r.header().raw().toString());
        assertEquals("4", r.header().raw().get("PID"));
    }

    @Test
    void ntStatusNames() {
        assertEquals("STATUS_IO_TIMEOUT", NtStatus.name(0xC00000B5L));
        assertEquals("STATUS_CONNECTION_RESET", NtStatus.name(0xC000020DL));
        assertEquals("STATUS_HOST_UNREACHABLE", NtStatus.name((int) 0xC000023DL)); // sign-extended input
        assertEquals("0xC0FFEE00", NtStatus.name(0xC0FFEE00L));
    }

}
