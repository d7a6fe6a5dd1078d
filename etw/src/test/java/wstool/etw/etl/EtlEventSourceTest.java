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

    /** Issue 14: both commands count the same records of a damaged file (they differed: 7,068 vs 7,159). */
    @Test
    void infoAndTraceCountTheSameOnADamagedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] f = java.nio.file.Files.readAllBytes(Fixtures.kernelNetworkEtl());
        java.util.Random rnd = new java.util.Random(5062);
        for (int k = 0; k < 5; k++) f[8192 + rnd.nextInt(f.length - 8192)] ^= (byte) (1 << rnd.nextInt(8));
        for (int k = 0; k < 5; k++) f[8192 * (1 + rnd.nextInt(127)) + 73] ^= 0x40; // a first record's size
        java.nio.file.Path p = java.nio.file.Files.write(dir.resolve("flipped.etl"), f);
        EtlSummary info = EtlInfo.scan(p, null);
        EtlEventSource src = new EtlEventSource(p, Set.of(), null);
        List<NetEvent> got = new ArrayList<>();
        EtlFormatException e = assertThrows(EtlFormatException.class, () -> src.run(got::add), "damage is reported");
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertEquals(info.events(), src.summary().events());
        assertEquals(info.perProvider(), src.summary().perProvider());
        assertEquals(info.damaged(), src.summary().damaged());
        assertTrue(info.damaged() > 0);
        assertTrue(info.events() > 8000, "most of the 8,923 events survive ten flipped bits: " + info.events());
        assertEquals(src.summary().events(), got.size());
    }

    @Test
    void timestampsOutsideTheLogfileWindowAreReportedNotUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        long q = EtlFileBuilder.START_QPC;
        byte[] f = new EtlFileBuilder(1024)
                .event(EtlReaderSyntheticTest.P, 1, 0, 0, 4, q + 10, new byte[4])
                .event(EtlReaderSyntheticTest.P, 2, 0, 0, 4, q + 10_000_000L * 3600 * 24 * 365 * 3000, new byte[4])
                .event(EtlReaderSyntheticTest.P, 3, 0, 0, 4, q + 20_000_000L, new byte[4])
                .build();
        EtlSummary s = EtlInfo.scan(java.nio.file.Files.write(dir.resolve("w.etl"), f), null);
        assertEquals(3, s.events());
        assertEquals(1, s.outOfWindow());
        java.time.Instant start = s.header().startTime();
        assertEquals(start.plusNanos(1000), s.first());
        assertEquals(start.plusSeconds(2), s.last(), "the year-5000 stamp does not stretch the span");
        assertTrue(s.render(false).contains("1 events dated outside the logfile's window"), s.render(false));
    }

    /** Classic records are not lost: they come out as raw events of their GUID, counted per EventType. */
    @Test
    void classicRecordsBecomeRawEvents() throws Exception {
        // every pktmon appearance its own event, so that each record of the file is one event here
        EtlEventSource src = new EtlEventSource(Fixtures.etl("demikernel_PktMon.etl"), Set.of(), null).allComponents(true);
        List<NetEvent> got = new ArrayList<>();
        src.run(got::add);
        assertEquals(403 + 61, got.size());
        long raw = got.stream().filter(e -> e instanceof wstool.core.model.RawEvent r
                && r.provider().equals("{9b79ee91-b5fd-41c0-a243-4248e266e9d0}")).count();
        assertEquals(40, raw);
        EtlSummary s = src.summary();
        assertEquals(403, s.eventHeaderEvents());
        assertEquals(61, s.classicEvents());
        assertEquals(21, s.perProvider().get("{bbccf6c1-6cd1-48c4-80ff-839482e37671} (classic)").values().stream()
                .mapToLong(Long::longValue).sum());
        assertEquals(EtlInfo.scan(Fixtures.etl("demikernel_PktMon.etl"), null).perProvider(), s.perProvider());
    }
}
