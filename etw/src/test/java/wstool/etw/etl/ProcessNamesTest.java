package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.Source;
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

    @Test
    void processEndBecomesProcessExitAfterTheProcesssEarlierEvents() throws Exception {
        long q = EtlFileBuilder.START_QPC;
        byte[] f = new EtlFileBuilder(4096)
                .kernelProcess(3, 4, 1234, "leaky.exe", false)                        // rundown start
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, q + 10, afdCreate(1234))
                .newBuffer(1)
                .kernelProcess(2, 4, 1234, "leaky.exe", true, 7, q + 20)              // Process/End, exit code 7
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, q + 30, afdCreate(5678))
                .kernelProcess(4, 4, 5678, "other.exe", false, 0, q + 40)            // rundown DCEnd: no exit
                .newBuffer(0)
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, q + 15, afdCreate(1234))
                .build();
        Path p = Files.write(dir.resolve("end.etl"), f);
        List<NetEvent> got = new ArrayList<>();
        new EtlEventSource(p, Set.of(), null).run(got::add);
        List<String> order = new ArrayList<>();
        for (NetEvent e : got) order.add((ProcessExit.is(e) ? "exit " : "event ") + e.header().pid());
        assertEquals(List.of("event 1234", "event 1234", "exit 1234", "event 5678"), order);
        NetEvent exit = got.get(2);
        assertEquals("leaky.exe", exit.header().process());
        assertEquals(Source.ETW_OTHER, exit.header().source());
        assertEquals("7", exit.header().raw().get(ProcessExit.EXIT_CODE));
        assertTrue(exit.header().timestamp().isAfter(got.get(1).header().timestamp()));
        assertTrue(exit.header().timestamp().isBefore(got.get(3).header().timestamp()));

        List<String> ends = new ArrayList<>();
        try (EtlReader r = EtlReader.open(p)) {
            r.onProcessEnd((pid, image, status, time) -> ends.add(pid + "=" + image + ":" + status));
            while (r.next() != null) { }
        }
        assertEquals(List.of("1234=leaky.exe:7"), ends, "End records only, not the rundown's DCEnd");
    }

    @Test
    void anExitAfterTheLastEventIsEmittedAtTheEnd() throws Exception {
        long q = EtlFileBuilder.START_QPC;
        byte[] f = new EtlFileBuilder(4096)
                .event(EtlReaderSyntheticTest.P, 1000, 0, 10, 0, q + 10, afdCreate(42))
                .kernelProcess(2, 3, 42, "a.exe", false, -1073741510, q + 50)       // STATUS_CONTROL_C_EXIT
                .build();
        Path p = Files.write(dir.resolve("last.etl"), f);
        List<NetEvent> got = new ArrayList<>();
        new EtlEventSource(p, Set.of(), null).run(got::add);
        assertEquals(2, got.size());
        assertTrue(ProcessExit.is(got.get(1)), got.toString());
        assertEquals("-1073741510", got.get(1).header().raw().get(ProcessExit.EXIT_CODE));
        // an emitter that wants only one event gets no exit after it
        List<NetEvent> one = new ArrayList<>();
        new EtlEventSource(p, Set.of(), null).run(e -> { one.add(e); return false; });
        assertEquals(1, one.size());
    }
}
