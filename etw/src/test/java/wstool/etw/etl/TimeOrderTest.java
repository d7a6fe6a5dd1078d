package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventRecordView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Time-ordered reading merges the per-CPU buffer streams by timestamp. */
class TimeOrderTest {
    @TempDir Path dir;

    @Test
    void realCaptureSameEventsInTimestampOrder() throws Exception {
        Map<Integer, Integer> perId = new TreeMap<>();
        long last = Long.MIN_VALUE;
        int n = 0, outOfOrderInFileOrder = 0;
        try (EtlReader r = EtlReader.openTimeOrdered(Fixtures.kernelNetworkEtl())) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                assertTrue(v.rawTimestamp() >= last, "event " + n + " goes back in time");
                last = v.rawTimestamp();
                perId.merge(v.eventId(), 1, Integer::sum);
                n++;
            }
            assertEquals(129, r.stats().buffers());
            assertEquals(1, r.stats().records(RecordKind.SYSTEM));
            assertEquals(8923, r.stats().records(RecordKind.EVENT_HEADER));
            assertEquals(r.fileSize(), r.position());
        }
        assertEquals(8923, n);
        assertEquals(Map.of(10, 575, 11, 7968, 26, 26, 27, 134, 29, 2, 42, 8, 43, 149, 59, 61), perId);
        try (EtlReader r = EtlReader.open(Fixtures.kernelNetworkEtl())) {
            long prev = Long.MIN_VALUE;
            EventRecordView v;
            while ((v = r.next()) != null) {
                if (v.rawTimestamp() < prev) outOfOrderInFileOrder++;
                prev = v.rawTimestamp();
            }
        }
        assertTrue(outOfOrderInFileOrder > 0, "the capture interleaves CPUs, so file order is not time order");
    }

    @Test
    void laterFlushedBufferOfAnotherCpuComesFirstInTime() throws Exception {
        long q = EtlFileBuilder.START_QPC;
        byte[] f = new EtlFileBuilder(512)
                .newBuffer(0)
                .event(EtlReaderSyntheticTest.P, 3, 0, 0, 8, q + 30, new byte[4])
                .event(EtlReaderSyntheticTest.P, 5, 0, 0, 8, q + 50, new byte[4])
                .newBuffer(1)
                .event(EtlReaderSyntheticTest.P, 1, 0, 0, 8, q + 10, new byte[4])
                .event(EtlReaderSyntheticTest.P, 4, 0, 0, 8, q + 40, new byte[4])
                .newBuffer(0)
                .event(EtlReaderSyntheticTest.P, 6, 0, 0, 8, q + 60, new byte[4])
                .newBuffer(1)
                .event(EtlReaderSyntheticTest.P, 2, 0, 0, 8, q + 20, new byte[4]) // would be wrong: CPU 1's seq order
                .build();
        Path p = Files.write(dir.resolve("cpus.etl"), f);
        List<Integer> ids = new ArrayList<>();
        try (EtlReader r = EtlReader.openTimeOrdered(p)) {
            EventRecordView v;
            while ((v = r.next()) != null) ids.add(v.eventId());
        }
        // CPU 1's second buffer (seq after its first) holds an older stamp than its first: per-CPU order is kept,
        // the merge orders across CPUs
        assertEquals(List.of(1, 3, 4, 2, 5, 6), ids);
    }

    @Test
    void truncationIsCountedAndEveryWholeBufferRead() throws Exception {
        byte[] all = Files.readAllBytes(Fixtures.kernelNetworkEtl());
        Path cut = Files.write(dir.resolve("cut.etl"), java.util.Arrays.copyOf(all, 8192 * 10 + 100));
        long plain, ordered;
        try (EtlReader r = EtlReader.open(cut)) {
            while (r.next() != null) { }
            plain = r.stats().records(RecordKind.EVENT_HEADER);
        }
        try (EtlReader r = EtlReader.openTimeOrdered(cut)) {
            while (r.next() != null) { }
            ordered = r.stats().records(RecordKind.EVENT_HEADER);
            assertEquals(1, r.stats().damaged());
            EtlFormatException e = r.stats().damage().get(0);
            assertEquals(8192 * 10 + 100, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        assertTrue(plain > 500);
        assertEquals(plain, ordered, "both orders read the same records of a cut file");
    }
}
