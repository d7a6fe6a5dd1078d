package wstool.etw.live;

import wstool.core.filter.TraceTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TDH schema parsing and payload walking, EVENT_RECORD copying, provider lists, GUID byte order. */
class TdhAndRecordTest {

    private static final UUID P = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");

    @Test
    void traceEventInfoParsedAtWindowsOffsets() {
        byte[] info = FakeEtw.traceEventInfo(P, 1, 3, "Microsoft-Windows-Kernel-Process",
                new String[] {"ProcessID", "CreateTime", "ImageName"}, new int[] {8, 17, 1});
        TdhSchema s = TdhSchema.parse(info);
        assertEquals("Microsoft-Windows-Kernel-Process", s.providerName());
        assertEquals(3, s.topLevelCount());
        assertEquals(List.of("ProcessID", "CreateTime", "ImageName"),
                s.properties().stream().map(TdhSchema.Property::name).toList());
        assertEquals(17, s.properties().get(1).inType());
    }

    @Test
    void payloadWalkedByInType() {
        TdhSchema s = TdhSchema.parse(FakeEtw.traceEventInfo(P, 1, 3, "X",
                new String[] {"ProcessID", "CreateTime", "ImageName", "Ptr", "Guid"}, new int[] {8, 17, 1, 16, 15}));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(777).putLong(LiveEventRecord.FILETIME_UNIX_EPOCH + 10_000_000L * 86_400)
                .put("cmd.exe\0".getBytes(StandardCharsets.UTF_16LE)).putLong(0xfffff80012345678L)
                .put(Guids.toBytes(P)).put(new byte[] {1, 2});
        byte[] payload = java.util.Arrays.copyOf(b.array(), b.position());
        Map<String, String> f = TdhPayload.decode(s, payload, 8);
        assertEquals("777", f.get("ProcessID"));
        assertEquals("1970-01-02T00:00:00Z", f.get("CreateTime"));
        assertEquals("cmd.exe", f.get("ImageName"));
        assertEquals("0xfffff80012345678", f.get("Ptr"));
        assertEquals(P.toString(), f.get("Guid"));
        assertEquals("0102", f.get("_undecoded"));
    }

    @Test
    void truncatedPayloadKeepsTheRestAsHex() {
        TdhSchema s = TdhSchema.parse(FakeEtw.traceEventInfo(P, 1, 0, "X", new String[] {"A", "B"},
                new int[] {8, 10}));
        Map<String, String> f = TdhPayload.decode(s, new byte[] {5, 0, 0, 0, 9, 9}, 8);
        assertEquals("5", f.get("A"));
        assertEquals("0909", f.get("_undecoded"));
    }

    @Test
    void inconsistentTraceEventInfoIsRefusedWithOffset() {
        byte[] info = FakeEtw.traceEventInfo(P, 1, 0, "X", new String[] {"A"}, new int[] {8});
        info[100] = 50; // PropertyCount 50: does not fit
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TdhSchema.parse(info));
        assertTrue(e.getMessage().contains("50 properties at offset 112"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TdhSchema.parse(new byte[40]));
    }

    /** Seeded mutation fuzz: damaged schemas and payloads give an error or a bounded answer, never a hang or crash. */
    @Test
    void fuzzedSchemasAndPayloads() {
        byte[] info = FakeEtw.traceEventInfo(P, 1, 0, "Prov", new String[] {"A", "B", "C", "D"},
                new int[] {1, 2, 14, 19});
        Random rnd = new Random(20241122);
        for (int i = 0; i < 3000; i++) {
            byte[] m = info.clone();
            for (int k = 0, n = 1 + rnd.nextInt(6); k < n; k++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            TdhSchema s;
            try {
                s = TdhSchema.parse(m);
            } catch (IllegalArgumentException expected) {
                continue;
            }
            byte[] payload = new byte[rnd.nextInt(64)];
            rnd.nextBytes(payload);
            Map<String, String> f = TdhPayload.decode(s, payload, rnd.nextBoolean() ? 4 : 8);
            assertTrue(f.size() <= s.properties().size() + 1);
        }
    }

    @Test
    void eventRecordCopiedWithExtendedItems() {
        LiveEventRecord r = new LiveEventRecord(P, 1234, 2, 16, 4, 10, 77, 0x8000000000000010L, 0x0041, 3,
                4242, 99, LiveEventRecord.FILETIME_UNIX_EPOCH + 123, new byte[] {1, 2, 3},
                List.of(new LiveEventRecord.ExtendedItem(5, new byte[] {9, 8, 7, 6}),
                        new LiveEventRecord.ExtendedItem(11, new byte[] {42})));
        Memory[] keep = new Memory[3];
        Memory rec = FakeEtw.eventRecord(r, keep);
        assertEquals(r, RecordCopier.copy(rec));
        assertEquals(java.time.Instant.ofEpochSecond(0, 12_300), r.instant());
    }

    @Test
    void providerListsAndGuidBytes() {
        assertEquals(List.of(EtwProvider.WINSOCK_AFD, EtwProvider.KERNEL_NETWORK),
                EtwProvider.parseList("afd, Microsoft-Windows-Kernel-Network,afd"));
        assertEquals(EtwProvider.NAME_RESOLUTION, EtwProvider.parse("{55404E71-4DB9-4DEB-A5F5-8F86E46DDE56}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtwProvider.parseList("afd,bogus"));
        assertTrue(e.getMessage().contains("unknown ETW provider 'bogus'"), e.getMessage());
        byte[] b = Guids.toBytes(EtwProvider.KERNEL_NETWORK.guid());
        // {7dd42a49-5329-4832-8dfd-43d979153a88} as Windows stores it: Data1..3 little-endian
        assertEquals("492ad47d29533248" + "8dfd43d979153a88", java.util.HexFormat.of().formatHex(b));
        assertEquals(EtwProvider.KERNEL_NETWORK.guid(), Guids.fromBytes(b, 0));
        EtwStructs.GUID g = EtwStructs.GUID.of(EtwProvider.KERNEL_NETWORK.guid());
        g.write();
        assertEquals(java.util.HexFormat.of().formatHex(b),
                java.util.HexFormat.of().formatHex(g.getPointer().getByteArray(0, 16)));
        assertEquals(EtwProvider.KERNEL_NETWORK.guid(), g.toUuid());
    }

    @Test
    void traceTargets() {
        ProcessNames names = new ProcessNames(pid -> pid == 5
                ? java.util.Optional.of("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
                : java.util.Optional.empty(), EtwLiveSourceTest.DEVICES);
        TargetProcesses exe = new TargetProcesses(TraceTarget.program("PowerShell"));
        assertTrue(exe.accepts(5, names));
        assertTrue(!exe.accepts(6, names));
        assertEquals("powershell.exe", exe.toString());
        TargetProcesses pid = new TargetProcesses(TraceTarget.pid(6));
        assertTrue(pid.accepts(6, names));
        assertTrue(!pid.accepts(5, names));
        assertEquals(6, pid.followedPid());
        TargetProcesses two = new TargetProcesses(TraceTarget.pids(java.util.List.of(5L, 6L)));
        assertTrue(two.accepts(5, names) && two.accepts(6, names) && !two.accepts(7, names));
        assertEquals(-1, two.followedPid(), "several ids: no single process to follow");
        assertTrue(new TargetProcesses(TraceTarget.all()).accepts(-1, names));
        assertThrows(IllegalArgumentException.class, () -> TraceTarget.program(" "));
    }
}
