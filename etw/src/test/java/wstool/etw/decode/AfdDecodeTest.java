package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-built Winsock-AFD payloads (Windows 10 templates, 64-bit) with known SOCKADDRs, decoded and attributed. */
class AfdDecodeTest {
    static final long EPROC = 0xffffa00012340080L, EPROC2 = 0xffffa000abcd0080L;
    static final long ENDPOINT = 0xffffb00000002000L;

    private final EventDecoder decoder = new EventDecoder();

    private SocketEvent decode(int id, long headerPid, byte[] payload) {
        EventRecordView v = new EventRecordView().provider(EventDecoder.AFD).descriptor(id, 0, 0, 4, 0, id, 0)
                .flags(EventRecordView.FLAG_64_BIT_HEADER, 0).process(headerPid, 1)
                .time(0, Instant.parse("2024-01-01T00:00:00Z")).payload(payload, 0, payload.length);
        return assertInstanceOf(SocketEvent.class, decoder.decode(v));
    }

    private static PayloadBuilder common(int enterExit, long eprocess, long endpoint) {
        return new PayloadBuilder().u32(enterExit).u32(7).u64(eprocess).u64(endpoint);
    }

    @Test
    void createConnectSendCloseAttributedThroughEprocessAndEndpoint() throws Exception {
        // 1000 AfdCreate: EnterExit Location Process Endpoint AddressFamily SocketType Protocol ProcessId Status
        SocketEvent create = decode(1000, 0, common(1, EPROC, ENDPOINT).u32(2).u32(1).u32(6).u64(4242).u32(0).build());
        assertEquals(SocketOp.CREATE, create.op());
        assertEquals(CallPhase.COMPLETE, create.phase());
        assertEquals(4242, create.header().pid());
        assertEquals(ENDPOINT, create.endpointId());
        assertEquals(2, create.family());
        assertEquals(1, create.socketType());
        assertEquals(6, create.header().ipProtocol());
        assertEquals(Source.ETW_AFD, create.header().source());
        assertEquals("STATUS_SUCCESS", create.statusName());

        // 1018 AfdConnectWithAddress: ... Buffer BufferLength Status AddressLen Address; header PID 0 (DPC)
        byte[] sa = PayloadBuilder.sockaddrIn("93.184.216.34", 443);
        SocketEvent connect = decode(1018, 0, common(0, EPROC, ENDPOINT).u64(0).u32(0).u32(0).u32(sa.length).bytes(sa).build());
        assertEquals(SocketOp.CONNECT, connect.op());
        assertEquals(CallPhase.START, connect.phase());
        assertEquals(Direction.OUT, connect.direction());
        assertEquals(4242, connect.header().pid());
        assertEquals("93.184.216.34:443", connect.header().remote().toString());
        assertEquals(2, connect.family());
        assertEquals(1, connect.socketType(), "socket type remembered from create");

        // 1003 AfdSend complete: ... BufferCount Buffer BufferLength Status
        SocketEvent send = decode(1003, 0, common(1, EPROC, ENDPOINT).u32(1).u64(0x1000).u32(512).u32(0).build());
        assertEquals(SocketOp.SEND, send.op());
        assertEquals(CallPhase.COMPLETE, send.phase());
        assertEquals(512, send.bytes());
        assertEquals(-1, send.bufferLength());
        assertEquals(4242, send.header().pid());

        SocketEvent sendStart = decode(1003, 0, common(0, EPROC, ENDPOINT).u32(1).u64(0x1000).u32(2048).u32(0).build());
        assertEquals(2048, sendStart.bufferLength());
        assertEquals(-1, sendStart.bytes());

        // 1001 AfdClose complete, then the endpoint is forgotten
        SocketEvent close = decode(1001, 0, common(1, EPROC, ENDPOINT).u32(0).build());
        assertEquals(SocketOp.CLOSE, close.op());
        assertEquals(4242, close.header().pid());
        assertNull(decoder.attribution().endpoint(ENDPOINT));
    }

    @Test
    void requestStartTeachesEprocessFromHeaderPidAndUnknownsStayUnattributed() throws Exception {
        SocketEvent unknown = decode(1003, 0, common(1, EPROC2, ENDPOINT).u32(1).u64(0).u32(10).u32(0).build());
        assertEquals(-1, unknown.header().pid());
        assertTrue(unknown.header().raw().get(EventDecoder.UNATTRIBUTED).contains("ffffa000abcd0080"),
                unknown.header().raw().toString());

        SocketEvent start = decode(1004, 777, common(0, EPROC2, ENDPOINT).u32(1).u64(0).u32(100).u32(0).build());
        assertEquals(777, start.header().pid());
        assertEquals(SocketOp.RECV, start.op());
        assertEquals(Direction.IN, start.direction());
        SocketEvent done = decode(1004, 0, common(1, EPROC2, ENDPOINT).u32(1).u64(0).u32(60).u32(0).build());
        assertEquals(777, done.header().pid());
        assertEquals(60, done.bytes());
        assertFalse(done.header().raw().containsKey(EventDecoder.UNATTRIBUTED));
    }

    @Test
    void ipv6SendToWithStatusName() throws Exception {
        decode(1000, 0, common(1, EPROC, ENDPOINT).u32(23).u32(2).u32(17).u64(99).u32(0).build());
        byte[] sa = PayloadBuilder.sockaddrIn6("2001:db8::1", 53);
        // 1007 AfdSendToWithAddress: ... BufferCount Buffer BufferLength Status AddressLen Address
        SocketEvent e = decode(1007, 0, common(1, EPROC, ENDPOINT).u32(1).u64(0).u32(40).u32(0xC0000236L)
                .u32(sa.length).bytes(sa).build());
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
        byte[] sa = PayloadBuilder.sockaddrIn("0.0.0.0", 8080);
        var s = SchemaRegistryHolder.afd(1030);
        assertNotNull(s, "AfdBindWithAddress in manifests");
        PayloadBuilder b = common(1, EPROC, ENDPOINT);
        // write the remaining fields of the template generically: integers 0, AddressLen/Address from sa
        for (int i = 4; i < s.fieldCount(); i++) {
            var f = s.field(i);
            if (f.name().equals("AddressLen")) b.u32(sa.length);
            else if (f.name().equals("Address")) b.bytes(sa);
            else for (int k = 0; k < f.type().size(8); k++) b.u8(0);
        }
        SocketEvent bind = decode(1030, 0, b.build());
        assertEquals(SocketOp.BIND, bind.op());
        assertEquals("0.0.0.0:8080", bind.header().local().toString());
        assertSame(wstool.core.model.Endpoint.NONE, bind.header().remote());
    }

    @Test
    void windows7EventSet() throws Exception {
        // id 1 create (task_0Args): Process Endpoint AddressFamily SocketType Protocol UserModePid
        SocketEvent create = decode(1, 0, new PayloadBuilder().u64(EPROC).u64(ENDPOINT).u32(23).u32(1).u32(6).u64(2020).build());
        assertEquals(SocketOp.CREATE, create.op());
        assertEquals(2020, create.header().pid());
        // id 5 connect v6 (task_05Args): Process Endpoint Address(16) Port
        byte[] v6 = java.net.InetAddress.getByName("2001:db8::5").getAddress();
        SocketEvent connect = decode(5, 0, new PayloadBuilder().u64(EPROC).u64(ENDPOINT).bytes(v6).u8(0x01).u8(0xbb).build());
        assertEquals(SocketOp.CONNECT, connect.op());
        assertEquals(CallPhase.START, connect.phase());
        assertEquals(java.net.InetAddress.getByName("2001:db8::5"), connect.header().remote().address());
        assertEquals(443, connect.header().remote().port());
        assertEquals(2020, connect.header().pid());
        // id 2 bind v4 (task_02Args): Process Endpoint Address(UInt32, network order bytes) Port Status
        SocketEvent bind = decode(2, 0, new PayloadBuilder().u64(EPROC).u64(ENDPOINT).bytes(new byte[]{10, 0, 0, 7})
                .u8(0x1f).u8(0x90).u32(0xC000020AL).build());
        assertEquals(SocketOp.BIND, bind.op());
        assertEquals("10.0.0.7:8080", bind.header().local().toString());
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", bind.statusName());
        // id 24 send completed (task_023Args): Process Endpoint Buffer BufferLength
        SocketEvent sent = decode(24, 0, new PayloadBuilder().u64(EPROC).u64(ENDPOINT).u64(0x5000).u32(1200).build());
        assertEquals(SocketOp.SEND, sent.op());
        assertEquals(CallPhase.COMPLETE, sent.phase());
        assertEquals(1200, sent.bytes());
        assertEquals(2020, sent.header().pid());
        // id 13 close (task_06Args): Process Endpoint Error
        SocketEvent close = decode(13, 0, new PayloadBuilder().u64(EPROC).u64(ENDPOINT).u32(0).build());
        assertEquals(SocketOp.CLOSE, close.op());
        assertNull(decoder.attribution().endpoint(ENDPOINT));
    }

    @Test
    void ntStatusNames() {
        assertEquals("STATUS_IO_TIMEOUT", NtStatus.name(0xC00000B5L));
        assertEquals("STATUS_CONNECTION_RESET", NtStatus.name(0xC000020DL));
        assertEquals("STATUS_HOST_UNREACHABLE", NtStatus.name((int) 0xC000023DL)); // sign-extended input
        assertEquals("0xC0FFEE00", NtStatus.name(0xC0FFEE00L));
    }

    static final class SchemaRegistryHolder {
        static wstool.etw.schema.EventSchema afd(int id) {
            return wstool.etw.schema.SchemaRegistry.builtIn().lookup(EventDecoder.AFD, id, 0);
        }
    }
}
