package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Kernel Process records name the processes of decoded events. */
class ProcessNamesTest {
    @TempDir Path dir;

    private static byte[] afdCreate(long pid) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(0).putLong(0xffffa00000001000L).putLong(0xffffb00000002000L).putInt(2).putInt(1).putInt(6)
                .putLong(pid).putInt(0);
        return b.array();
    }

    @Test
    void namesFromRundownAndStartRecords() throws Exception {
        byte[] f = new EtlFileBuilder(4096)
                .kernelProcess(3, 3, 1234, "chrome.exe", true)   // Windows 7 DCStart with a SID
                .kernelProcess(1, 4, 5678, "curl.exe", false)    // Windows 8+ start, no SID
                .sizedAt4(2, 32, 8)
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, EtlFileBuilder.START_QPC, afdCreate(1234))
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, EtlFileBuilder.START_QPC, afdCreate(5678))
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, EtlFileBuilder.START_QPC, afdCreate(9999))
                .build();
        Path p = Files.write(dir.resolve("p.etl"), f);
        List<String> seen = new ArrayList<>();
        try (EtlReader r = EtlReader.open(p)) {
            r.onProcess((pid, image, ended) -> seen.add(pid + "=" + image + (ended ? " end" : "")));
            while (r.next() != null) { }
            assertEquals(3, r.stats().records(RecordKind.SYSTEM) - 1); // two process records + one other
        }
        assertEquals(List.of("1234=chrome.exe", "5678=curl.exe"), seen);

        List<NetEvent> got = new ArrayList<>();
        new EtlEventSource(p, Set.of(), null).run(got::add);
        assertEquals(3, got.size());
        assertEquals("chrome.exe", got.get(0).header().process());
        assertEquals("curl.exe", got.get(1).header().process());
        assertEquals(5678, ((SocketEvent) got.get(1)).header().pid());
        assertNull(got.get(2).header().process());
    }
}
