package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventRecordView;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real captures of fixtures/etl read with exactly the counts an independent reader gave (the table of issue 14):
 * EVENT_HEADER per provider GUID, classic records, kernel records per group. Compressed (pktmon, PerfView merge),
 * 32-bit, 32-CPU and Windows 8 pre-release files.
 */
class EtlFixtureCountsTest {
    static final UUID PKTMON = UUID.fromString("4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac");
    static final UUID CLR_RUNDOWN = UUID.fromString("a669021c-c450-4609-a035-5af59af4df18");

    /** Counts of one pass: EVENT_HEADER records per provider, classic records per GUID, and the stats. */
    record Counts(Map<UUID, Long> eventHeader, Map<UUID, Long> classic, EtlStats stats, LogfileHeader header) {
        long eventHeaderTotal() { return eventHeader.values().stream().mapToLong(Long::longValue).sum(); }
        long classicTotal() { return classic.values().stream().mapToLong(Long::longValue).sum(); }
    }

    static Counts read(Path file, boolean timeOrdered) throws Exception {
        Map<UUID, Long> eh = new TreeMap<>(), classic = new TreeMap<>();
        try (EtlReader r = timeOrdered ? EtlReader.openTimeOrdered(file) : EtlReader.open(file)) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                boolean isClassic = (v.headerFlags() & EventRecordView.FLAG_CLASSIC_HEADER) != 0;
                assertEquals(isClassic, r.recordKind() != RecordKind.EVENT_HEADER);
                (isClassic ? classic : eh).merge(v.providerId(), 1L, Long::sum);
            }
            return new Counts(eh, classic, r.stats(), r.header());
        }
    }

    private static Counts both(String name) throws Exception {
        Counts plain = read(Fixtures.etl(name), false);
        Counts ordered = read(Fixtures.etl(name), true);
        assertEquals(plain.eventHeader(), ordered.eventHeader(), "file order and time order read the same records");
        assertEquals(plain.classic(), ordered.classic());
        assertEquals(0, plain.stats().damaged(), () -> "damage in " + name + ": " + plain.stats().damage());
        assertEquals(0, ordered.stats().damaged());
        assertEquals(0, plain.stats().records(RecordKind.UNKNOWN));
        return plain;
    }

    @Test
    void pktmonServer2022() throws Exception {
        Counts c = both("demikernel_PktMon.etl");
        assertEquals(3, c.stats().buffers());
        assertEquals(2, c.stats().compressedBuffers());
        assertEquals(Map.of(PKTMON, 403L), c.eventHeader());
        assertEquals(61, c.stats().records(RecordKind.FULL_HEADER));
        assertEquals(Map.of(UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0"), 40L,
                UUID.fromString("bbccf6c1-6cd1-48c4-80ff-839482e37671"), 21L), c.classic());
        assertEquals(Map.of("HEADER", 2L), c.stats().kernelGroups(), "2 system records besides the logfile header");
        assertEquals(3, c.stats().records(RecordKind.SYSTEM));
        assertEquals(8, c.header().pointerSize());
        assertEquals(20348, c.header().providerVersion());
    }

    @Test
    void perfViewMergedTrace() throws Exception {
        Counts c = both("net.4.5.2.x64.etl");
        assertEquals(360, c.stats().buffers());
        assertEquals(359, c.stats().compressedBuffers());
        assertEquals(68_143, c.eventHeaderTotal());
        Map<UUID, Long> eh = c.eventHeader();
        assertEquals(33_011, eh.get(CLR_RUNDOWN));
        assertEquals(32_730, eh.get(UUID.fromString("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4"))); // CLR
        assertEquals(1_627, eh.get(UUID.fromString("763fd754-7086-4dfe-95eb-c01a46faf4ca"))); // CLR-Private
        assertEquals(562, eh.get(UUID.fromString("edd08927-9cc4-4e65-b970-c2560fb5c289"))); // Kernel-File
        assertEquals(108, eh.get(UUID.fromString("a8a71ac1-040f-54a2-07ca-00a89b5ab761"))); // PerfViewLogger
        assertEquals(77, eh.get(UUID.fromString("b675ec37-bdb6-4648-bc92-f3fdc74d3ca2"))); // Kernel-EventTracing
        assertEquals(4, eh.get(UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d"))); // DNS-Client
        assertEquals(2, eh.get(UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"))); // Kernel-Process
        assertEquals(11, eh.size(), "eight named providers and three others");
        assertEquals(22, c.eventHeaderTotal() - 33_011 - 32_730 - 1_627 - 562 - 108 - 77 - 4 - 2);
        Map<String, Long> groups = c.stats().kernelGroups();
        assertEquals(490, groups.get("TCPIP"));
        assertEquals(36, groups.get("UDPIP"));
        assertEquals(136, groups.get("PROCESS"));
        assertEquals(490, c.classic().get(KernelGroup.TCPIP_GUID), "kernel TcpIp records are delivered");
        assertEquals(36, c.classic().get(KernelGroup.UDPIP_GUID));
        assertEquals(8, c.header().pointerSize());
    }

    @Test
    void thirtyTwoBitCapture() throws Exception {
        Counts c = both("smallEtlFile.etl");
        assertEquals(4, c.header().pointerSize());
        assertEquals(10586, c.header().providerVersion());
        assertEquals(2, c.stats().buffers());
        assertEquals(1, c.stats().compressedBuffers());
        assertEquals(Map.of(CLR_RUNDOWN, 1L), c.eventHeader());
        try (EtlReader r = EtlReader.open(Fixtures.etl("smallEtlFile.etl"))) {
            EventRecordView v = r.next();
            assertEquals(4, v.pointerSize(), "EVENT_HEADER32 record of a 32-bit capture");
            assertNull(r.next());
        }
    }

    @Test
    void uncompressedCaptures() throws Exception {
        Counts ebpf = both("ebpforwindows.etl");
        assertEquals(12, ebpf.stats().buffers());
        assertEquals(0, ebpf.stats().compressedBuffers());
        assertEquals(13_841, ebpf.eventHeaderTotal());
        assertEquals(2, ebpf.eventHeader().size());
        assertTrue(ebpf.eventHeader().containsValue(13_599L) && ebpf.eventHeader().containsValue(242L), ebpf.eventHeader().toString());

        Counts krabs = both("krabsetw_powershell.etl");
        assertEquals(112, krabs.eventHeaderTotal());
        assertEquals(Map.of(UUID.fromString("a0c1853b-5c40-4b15-8766-3cf1c58f985a"), 112L), krabs.eventHeader());
        assertEquals(32, krabs.header().numberOfProcessors());

        Counts tx = both("Tx_WsRm01.etl");
        assertEquals(70, tx.eventHeaderTotal());
        assertEquals(6, tx.header().majorVersion());
        assertEquals(2, tx.header().minorVersion());
        assertEquals(7910, tx.header().providerVersion());
    }

    /**
     * Windows 8+ captures log the process rundown (DCStart/DCEnd) with perfinfo headers: 33 processes named, and the
     * traced program's Process/End (pid 3676, parent 3508 cmd.exe, exit 0; checked by hand in the bytes).
     */
    @Test
    void perfViewProcessNamesFromRundownAndEnd() throws Exception {
        Map<Long, String> names = new TreeMap<>();
        java.util.List<String> ends = new java.util.ArrayList<>();
        try (EtlReader r = EtlReader.open(Fixtures.etl("net.4.5.2.x64.etl"))) {
            r.onProcess((pid, image, ended) -> names.put(pid, image));
            r.onProcessEnd((pid, image, status, t) -> ends.add(pid + " " + image + " " + status + " " + t));
            while (r.next() != null) { }
        }
        assertEquals(33, names.size(), names.toString());
        assertEquals("Test.x64.exe", names.get(3676L));
        assertEquals("PerfView.exe", names.get(3988L));
        assertEquals("cmd.exe", names.get(3508L));
        assertEquals(java.util.List.of("3676 Test.x64.exe 0 2020-07-29T00:07:08.825901300Z"), ends);
    }
}
