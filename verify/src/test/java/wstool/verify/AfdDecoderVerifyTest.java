package wstool.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import wstool.core.model.SocketEvent;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;

/**
 * The verifier on Winsock-AFD events made the way Windows writes them: payloads laid out by the Windows 10 AFD
 * templates (64-bit pointers), decoded and attributed by the real decoder (PID learned from the create's ProcessId
 * and the EPROCESS pointer; request events carry header PID 0 as in DPC context).
 */
class AfdDecoderVerifyTest {
    static final long EPROC = 0xffffa00012340080L;
    static final long EP = 0xffffb00000002000L;
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final long REFUSED = 0xC0000236L;

    private final EventDecoder decoder = new EventDecoder();
    private final SocketVerifier verifier = new SocketVerifier();
    private long clock;

    /** Little-endian payload bytes. */
    static final class Payload {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Payload u8(long v) { out.write((int) v); return this; }
        Payload u16(long v) { return u8(v).u8(v >>> 8); }
        Payload u32(long v) { return u16(v).u16(v >>> 16); }
        Payload u64(long v) { return u32(v).u32(v >>> 32); }
        Payload bytes(byte[] b) { out.write(b, 0, b.length); return this; }
    }

    static Payload common(int enterExit, long endpoint) {
        return new Payload().u32(enterExit).u32(7).u64(EPROC).u64(endpoint);
    }

    static byte[] sockaddrIn(String dotted, int port) throws Exception {
        byte[] a = InetAddress.getByName(dotted).getAddress();
        return new Payload().u16(2).u8(port >>> 8).u8(port).bytes(a).bytes(new byte[8]).out.toByteArray();
    }

    private void event(int id, long headerPid, Payload p) {
        byte[] data = p.out.toByteArray();
        EventRecordView v = new EventRecordView().provider(EventDecoder.AFD).descriptor(id, 0, 0, 4, 0, id, 0)
                .flags(EventRecordView.FLAG_64_BIT_HEADER, 0).process(headerPid, 1)
                .time(0, T0.plusMillis(clock++)).payload(data, 0, data.length);
        verifier.accept(assertInstanceOf(SocketEvent.class, decoder.decode(v)));
    }

    // Windows 10 AFD templates: AfdCreateOpenArgs, AfdCloseClosedArgs, AfdSendConnectedArgs, AfdConnectWithAddress...
    private void create(long ep) { event(1000, 0, common(1, ep).u32(2).u32(1).u32(6).u64(4242).u32(0)); }
    private void cleanup(int enterExit, long ep) { event(1002, 0, common(enterExit, ep).u32(0)); }
    private void close(int enterExit, long ep) { event(1001, 0, common(enterExit, ep).u32(0)); }
    private void send(int enterExit, long ep, long buffer, long length) {
        event(1003, 0, common(enterExit, ep).u32(1).u64(buffer).u32(length).u32(0));
    }
    private void connect(int enterExit, long ep, String ip, int port, long status) throws Exception {
        byte[] sa = sockaddrIn(ip, port);
        event(1018, 0, common(enterExit, ep).u64(0).u32(0).u32(status).u32(sa.length).bytes(sa));
    }

    private String codes() {
        return verifier.report().findings().stream().map(f -> f.code() + ":" + f.severity().label() + ":" + f.pid())
                .collect(Collectors.joining(","));
    }

    @Test
    void useAfterCloseAndOverlongCompletionFromDecodedAfdEvents() throws Exception {
        create(EP);
        connect(0, EP, "93.184.216.34", 443, 0);
        connect(1, EP, "93.184.216.34", 443, 0);
        send(0, EP, 0x1000, 100);
        send(1, EP, 0x1000, 150);                         // completes with more than posted
        cleanup(0, EP);
        cleanup(1, EP);
        close(0, EP);
        close(1, EP);
        send(0, EP, 0x2000, 10);                          // the program sends on its closed socket
        assertEquals("WS002:error:4242,WS005:error:4242", codes());
        Finding uac = verifier.report().findings(Check.WS002).get(0);
        assertEquals(EP, uac.endpointId());
        assertTrue(uac.endpoint().startsWith("0xffffb00000002000 TCP"), uac.endpoint());
        assertTrue(uac.endpoint().endsWith("-> 93.184.216.34:443"), uac.endpoint());
        Finding over = verifier.report().findings(Check.WS005).get(0);
        assertEquals("100", over.details().get("posted"));
        assertEquals("150", over.details().get("bytes"));
    }

    @Test
    void nearMissEndpointAddressReusedAfterClose() throws Exception {
        for (int round = 0; round < 3; round++) {
            create(EP);
            send(0, EP, 0x1000, 100);
            send(1, EP, 0x1000, 100);
            cleanup(0, EP);
            cleanup(1, EP);
            close(0, EP);
            close(1, EP);
        }
        assertEquals("", codes());
        assertEquals(3L, verifier.report().stats().get("sockets created"));
    }

    @Test
    void leakUnknownEndpointAndRefusedConnect() throws Exception {
        create(EP);
        connect(0, EP, "192.0.2.1", 80, 0);
        connect(1, EP, "192.0.2.1", 80, REFUSED);
        create(EP + 0x200);                               // never closed
        close(0, EP);
        close(1, EP);
        event(1003, 777, common(0, 0xffffb00000009000L).u32(1).u64(0).u32(10).u32(0));   // socket from before the trace
        String codes = codes();
        assertEquals("WS003:info:777,WS001:warning:4242,WS004:warning:4242", codes, "by process (pid order), then code");
        Finding refused = verifier.report().findings(Check.WS004).get(0);
        assertEquals("STATUS_CONNECTION_REFUSED", refused.details().get("status"));
        assertTrue(refused.evidence().get(0).event().contains("to 192.0.2.1:80"), refused.evidence().get(0).event());
    }
}
