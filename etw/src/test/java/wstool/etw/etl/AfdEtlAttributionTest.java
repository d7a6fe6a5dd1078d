package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An AFD socket created on CPU 1 and used on CPU 0, where CPU 0's buffer reaches the file first: the source's
 * time-ordered read sees the create first, so the DPC-context send (header PID 0) is attributed.
 */
class AfdEtlAttributionTest {
    static final long EPROC = 0xffffa00000001000L, ENDPOINT = 0xffffb00000002000L;
    @TempDir Path dir;

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    @Test
    void createOnOtherCpuAttributesLaterSend() throws Exception {
        long q = EtlFileBuilder.START_QPC;
        // 1000 AfdCreate complete: EnterExit Location Process Endpoint AddressFamily SocketType Protocol ProcessId Status
        byte[] create = le(48).putInt(1).putInt(0).putLong(EPROC).putLong(ENDPOINT).putInt(2).putInt(1).putInt(6)
                .putLong(3141).putInt(0).array();
        // 1003 AfdSend complete: EnterExit Location Process Endpoint BufferCount Buffer BufferLength Status
        byte[] send = le(44).putInt(1).putInt(0).putLong(0).putLong(ENDPOINT).putInt(1).putLong(0).putInt(777).putInt(0).array();
        byte[] f = new EtlFileBuilder(1024)
                .newBuffer(0).event(EtlReaderSyntheticTest.P, 1003, 0, 12, 0, q + 200, send)
                .newBuffer(1).event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, q + 100, create)
                .build();
        Path p = Files.write(dir.resolve("afd.etl"), f);
        List<NetEvent> got = new ArrayList<>();
        EtlEventSource src = new EtlEventSource(p, Set.of(), null);
        src.run(got::add);
        assertEquals(2, got.size());
        SocketEvent first = (SocketEvent) got.get(0), second = (SocketEvent) got.get(1);
        assertEquals(SocketOp.CREATE, first.op());
        assertEquals(SocketOp.SEND, second.op());
        assertEquals(3141, second.header().pid(), "attributed through the endpoint learnt from the create");
        assertEquals(777, second.bytes());
        assertEquals(2, src.summary().attributed());

        // in file order the send comes first and stays unattributed: the reason time order matters
        wstool.etw.decode.EventDecoder d = new wstool.etw.decode.EventDecoder();
        try (EtlReader r = EtlReader.open(p)) {
            NetEvent e = d.decode(r.next());
            assertEquals(-1, e.header().pid());
        }
    }
}
