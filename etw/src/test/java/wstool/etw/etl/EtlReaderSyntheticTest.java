package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.etw.decode.EventRecordView;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Reader behaviour on files built here: every record kind, extended data, unknown types, truncation, corruption. */
class EtlReaderSyntheticTest {
    static final UUID P = UUID.fromString("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
    @TempDir Path dir;

    private Path write(byte[] b) throws Exception {
        Path p = Files.createTempFile(dir, "t", ".etl");
        Files.write(p, b);
        return p;
    }

    private static List<EventRecordView> readAll(EtlReader r) throws Exception {
        List<EventRecordView> out = new ArrayList<>();
        EventRecordView v;
        while ((v = r.next()) != null) out.add(v.copy());
        return out;
    }

    static EtlFileBuilder mixed() {
        return new EtlFileBuilder(1024)
                .event(P, 1000, 0, 10, 100, EtlFileBuilder.START_QPC + 15, new byte[]{1, 2, 3})
                .sizedAt4(2, 32, 8)      // system
                .sizedAt4(4, 24, 5)      // compact system
                .sizedAt4(0x11, 16, 0)   // perfinfo
                .sizedAt0(0x14, 48, 12)  // full classic header
                .sizedAt0(0x15, 56, 4)   // instance
                .sizedAt0(0x0C, 16, 0)   // timed (other)
                .event(P, 1001, 0, 15, 200, EtlFileBuilder.START_QPC + 10_000_001L, new byte[]{9, 8},
                        1, new byte[16], 5, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    }

    @Test
    void everyKindCountedAndEventsWithExtendedDataDecoded() throws Exception {
        try (EtlReader r = EtlReader.open(write(mixed().build()))) {
            assertEquals(8, r.header().pointerSize());
            assertEquals("TestLogger", r.header().loggerName());
            List<EventRecordView> all = readAll(r);
            assertEquals(3, all.size(), "two EVENT_HEADER records and the classic one");
            EventRecordView classic = all.get(1);
            assertEquals(EventRecordView.FLAG_CLASSIC_HEADER | EventRecordView.FLAG_64_BIT_HEADER, classic.headerFlags());
            assertEquals(12, classic.payloadLength());
            assertEquals(new UUID(0, 0), classic.providerId());
            List<EventRecordView> ev = List.of(all.get(0), all.get(2));
            assertEquals(1000, ev.get(0).eventId());
            assertEquals(100, ev.get(0).pid());
            assertEquals(P, ev.get(0).providerId());
            // 15 ticks at 10 MHz = 1.5 us after the start
            assertEquals(LogfileHeader.fromFiletime(EtlFileBuilder.START_FILETIME).plusNanos(1500), ev.get(0).timestamp());
            assertArrayEquals(new byte[]{1, 2, 3}, payload(ev.get(0)));
            EventRecordView e2 = ev.get(1);
            assertEquals(LogfileHeader.fromFiletime(EtlFileBuilder.START_FILETIME).plusSeconds(1).plusNanos(100), e2.timestamp());
            assertEquals(2, e2.extendedItemCount());
            assertEquals(1, e2.extendedItemType(0));
            assertEquals(16, e2.extendedItemLength(0));
            assertEquals(5, e2.extendedItemType(1));
            assertEquals(12, e2.extendedItemLength(1));
            assertEquals(12, e2.extendedItemData(1)[e2.extendedItemOffset(1) + 11]);
            assertArrayEquals(new byte[]{9, 8}, payload(e2));
            EtlStats s = r.stats();
            assertEquals(2, s.records(RecordKind.EVENT_HEADER));
            assertEquals(2, s.records(RecordKind.SYSTEM)); // logfile header + one
            assertEquals(java.util.Map.of("DBGPRINT", 3L), s.kernelGroups(), "system, compact, perfinfo of HookId 0x0A0A");
            assertEquals(1, s.records(RecordKind.COMPACT_SYSTEM));
            assertEquals(1, s.records(RecordKind.PERFINFO));
            assertEquals(1, s.records(RecordKind.FULL_HEADER));
            assertEquals(1, s.records(RecordKind.INSTANCE));
            assertEquals(1, s.records(RecordKind.OTHER));
        }
    }

    @Test
    void unknownRecordTypeSkipsRestOfBufferOnly() throws Exception {
        byte[] unknown = {16, 0, 0x55, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] f = new EtlFileBuilder(512)
                .event(P, 1, 0, 0, 1, EtlFileBuilder.START_QPC, new byte[4])
                .rawBytes(unknown)
                .event(P, 2, 0, 0, 1, EtlFileBuilder.START_QPC, new byte[4]) // lost with the rest of the buffer
                .newBuffer()
                .event(P, 3, 0, 0, 1, EtlFileBuilder.START_QPC, new byte[4])
                .build();
        try (EtlReader r = EtlReader.open(write(f))) {
            List<EventRecordView> ev = readAll(r);
            assertEquals(List.of(1, 3), ev.stream().map(EventRecordView::eventId).toList());
            assertEquals(1, r.stats().records(RecordKind.UNKNOWN));
            assertTrue(r.stats().unknownBytesSkipped() >= 16 + 88);
        }
    }

    @Test
    void truncatedFileGivesEveryWholeRecordAndCountsTheCut() throws Exception {
        EtlFileBuilder b = new EtlFileBuilder(512);
        for (int i = 0; i < 20; i++) b.event(P, i, 0, 0, 1, EtlFileBuilder.START_QPC, new byte[40]);
        byte[] full = b.build();
        int cut = 512 * 2 + 300;
        try (EtlReader r = EtlReader.open(write(Arrays.copyOf(full, cut)))) {
            List<Integer> ids = new ArrayList<>();
            EventRecordView v;
            while ((v = r.next()) != null) ids.add(v.eventId());
            assertEquals(List.of(0, 1, 2, 3), ids); // buffer 1: 0-2, buffer 2: 3 whole, 4 cut
            assertEquals(1, r.stats().damaged());
            EtlFormatException e = r.stats().damage().get(0);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(cut, e.offset());
            assertTrue(e.getMessage().contains("byte offset " + e.offset()));
            assertNull(r.next(), "stays at the end");
        }
    }

    @Test
    void recordThatDoesNotFitEndsItsBufferOnly() throws Exception {
        byte[] f = mixed().newBuffer().event(P, 2000, 0, 0, 1, EtlFileBuilder.START_QPC + 5, new byte[4]).build();
        // corrupt the first event's size (first record after the logfile header record)
        int logfileRecord = (32 + 280 + "TestLogger\0".length() * 2 + "C:\\t.etl\0".length() * 2 + 7) & ~7;
        int at = 72 + logfileRecord;
        assertEquals(0x13, f[at + 2]);
        f[at] = 20;
        f[at + 1] = 0;
        try (EtlReader r = EtlReader.open(write(f))) {
            List<EventRecordView> ev = readAll(r);
            assertEquals(List.of(2000), ev.stream().map(EventRecordView::eventId).toList(), "the next buffer is read");
            assertEquals(1, r.stats().damaged());
            EtlFormatException e = r.stats().damage().get(0);
            assertEquals(at, e.offset());
            assertTrue(e.getMessage().contains("smaller than its EVENT_HEADER header"), e.getMessage());
        }
        f[at] = (byte) 0xF0; // 1008 bytes: past the end of its 1024-byte buffer
        f[at + 1] = 3;
        try (EtlReader r = EtlReader.open(write(f))) {
            assertEquals(List.of(2000), readAll(r).stream().map(EventRecordView::eventId).toList());
            assertTrue(r.stats().damage().get(0).getMessage().contains("runs past the end of its buffer"));
        }
    }

    @Test
    void damagedBufferSizeInUncompressedFileIsReadAtTheFilesBufferSize() throws Exception {
        EtlFileBuilder b = new EtlFileBuilder(512);
        for (int i = 0; i < 20; i++) b.event(P, i, 0, 0, 1, EtlFileBuilder.START_QPC, new byte[40]);
        byte[] f = b.build();
        f[512 + 1] = 0x7F; // buffer 2's BufferSize
        try (EtlReader r = EtlReader.open(write(f))) {
            assertEquals(20, readAll(r).size(), "the buffer is still read, and the ones after it");
            assertEquals(1, r.stats().damaged());
            assertEquals(512, r.stats().damage().get(0).offset());
        }
    }

    @Test
    void invalidBufferSizeAndNonEtlInput() throws Exception {
        byte[] f = mixed().build();
        f[0] = 0; f[1] = 0; f[2] = 0; f[3] = 0x7F;
        EtlFormatException e = assertThrows(EtlFormatException.class, () -> EtlReader.open(write(f)).close());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("invalid buffer size"), e.getMessage());

        byte[] text = "this is not an event trace log, just some text padded out......".repeat(10).getBytes();
        assertThrows(EtlFormatException.class, () -> EtlReader.open(write(text)).close());
        assertThrows(EtlFormatException.class, () -> EtlReader.open(write(new byte[0])).close());
        assertThrows(EtlFormatException.class, () -> EtlReader.open(write(new byte[40])).close());
    }

    @Test
    void compressedBuffersOfDifferingSizesAndOneUncompressed() throws Exception {
        EtlFileBuilder b = new EtlFileBuilder(1024);
        for (int i = 0; i < 30; i++) b.event(P, i, 0, 0, 1, EtlFileBuilder.START_QPC + i, new byte[8 + i % 5 * 8]);
        byte[] f = b.buildCompressed(1); // buffer 1 stays uncompressed
        try (EtlReader r = EtlReader.open(write(f))) {
            List<EventRecordView> ev = readAll(r);
            assertEquals(30, ev.size());
            for (int i = 0; i < 30; i++) {
                assertEquals(i, ev.get(i).eventId());
                assertEquals(8 + i % 5 * 8, ev.get(i).payloadLength());
            }
            assertTrue(r.stats().compressedBuffers() >= 2, "buffers 0 and 2.. compressed");
            assertEquals(r.stats().buffers() - 1, r.stats().compressedBuffers());
            assertEquals(0, r.stats().damaged());
            assertEquals(f.length, r.position());
        }
        byte[] bad = f.clone();
        ByteBuffer bb = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
        int third = bb.getInt(0) + 1024;
        for (int i = third + 90; i < third + bb.getInt(third); i += 7) bad[i] = (byte) 0xFF; // buffer 2's data
        try (EtlReader r = EtlReader.open(write(bad))) {
            List<EventRecordView> ev = readAll(r);
            assertTrue(ev.size() < 30 && ev.get(ev.size() - 1).eventId() == 29, "the later buffers are read: " + ev.size());
            assertEquals(1, r.stats().damaged());
            assertEquals(third, r.stats().damage().get(0).offset());
            assertTrue(r.stats().damage().get(0).getMessage().contains("does not decompress"));
        }
    }

    @Test
    void clockConversionKeepsNanoseconds() {
        LogfileHeader h = new LogfileHeader(0, 0, 0, 0, 0, Instant.EPOCH, 0, 0, 0, 0, 8, 0, 0, Instant.EPOCH, 3_000_000L,
                Instant.parse("2020-01-01T00:00:00Z"), 1, 0, 1000, "", "");
        assertEquals(Instant.parse("2020-01-01T00:00:00.000000333Z"), h.toInstant(1001));
        assertEquals(Instant.parse("2020-01-01T00:00:01.000000333Z"), h.toInstant(3_001_001));
        assertEquals(Instant.parse("2019-12-31T23:59:59.999999666Z"), h.toInstant(999)); // floor, like positive deltas
    }

    private static byte[] payload(EventRecordView v) {
        return Arrays.copyOfRange(v.data(), v.payloadOffset(), v.payloadOffset() + v.payloadLength());
    }
}
