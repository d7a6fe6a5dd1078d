package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import wstool.core.model.NetEvent;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class EtlEventSourceTest {
    static final String KN = "Microsoft-Windows-Kernel-Network";

    @Test
    void emitsEveryEventAndSummarises() throws Exception {
        List<NetEvent> got = new ArrayList<>();
        long[] lastProgress = {0};
        EtlEventSource src = new EtlEventSource(Fixtures.kernelNetworkEtl(), Set.of(), (pos, size) -> lastProgress[0] = pos);
        assertFalse(src.live());
        src.run(got::add);
        assertEquals(8923, got.size());
        assertEquals(0, src.lostAtSource());
        EtlSummary s = src.summary();
        assertEquals(8923, s.events());
        assertEquals(8923, s.attributed());
        assertEquals(0, s.unattributed());
        assertEquals(Map.of(10, 575L, 11, 7968L, 26, 26L, 27, 134L, 29, 2L, 42, 8L, 43, 149L, 59, 61L), s.perProvider().get(KN));
        assertEquals(Map.of(), s.skippedByKind(), "the logfile header record is the header, not a skipped record");
        assertEquals(8923, s.eventHeaderEvents());
        assertEquals(0, s.classicEvents());
        assertEquals(0, s.damaged());
        assertTrue(lastProgress[0] > 1_000_000L, "progress reaches the end: " + lastProgress[0]);
        String text = s.render(true);
        assertTrue(text.contains("8923 events (8923 attributed"), text);
        assertTrue(text.contains("id 11: 7968"), text);
        assertTrue(text.contains("8923 EVENT_HEADER, 0 classic; 129 buffers\n"), text);
    }

    @Test
    void providerFilterSkipsBeforeDecodingAndStopWorks() throws Exception {
        EtlEventSource src = new EtlEventSource(Fixtures.kernelNetworkEtl(), Set.of(EventDecoder.AFD), null);
        List<NetEvent> got = new ArrayList<>();
        src.run(got::add);
        assertTrue(got.isEmpty());
        assertEquals(8923, src.summary().filteredOut());

        EtlEventSource stopping = new EtlEventSource(Fixtures.kernelNetworkEtl(), Set.of(), null);
        List<NetEvent> few = new ArrayList<>();
        stopping.run(e -> { few.add(e); if (few.size() == 10) stopping.stop(); return true; });
        assertEquals(10, few.size());
    }

    @Test
    void sessionLossesAreReportedAsLostAtSource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] f = EtlReaderSyntheticTest.mixed().build();
        f[72 + 32 + 48] = 7; // TRACE_LOGFILE_HEADER.EventsLost
        java.nio.file.Path p = java.nio.file.Files.write(dir.resolve("lost.etl"), f);
        EtlEventSource src = new EtlEventSource(p, Set.of(), null);
        src.run(e -> true);
        assertEquals(7, src.lostAtSource());
    }

    @Test
    void infoCountsWithoutDecoding() throws Exception {
        EtlSummary s = EtlInfo.scan(Fixtures.kernelNetworkEtl(), null);
        assertEquals(8923, s.events());
        assertEquals(575L, s.perProvider().get(KN).get(10));
        String header = EtlInfo.renderHeader(Fixtures.kernelNetworkEtl(), s.header());
        assertTrue(header.contains("build 7601"), header);
        assertTrue(header.contains("clock QPC, 2994853 ticks/s"), header);
        assertTrue(s.render(false).startsWith("ETL summary: 8923 events\n"), s.render(false));
    }
}
