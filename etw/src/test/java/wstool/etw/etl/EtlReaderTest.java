package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventRecordView;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Known answers for the real Windows 7 capture. Expected values were read independently with etw/tools/etl_check.py
 * (a separate Python walk over the bytes), not produced by this reader.
 */
class EtlReaderTest {
    static final UUID KN = UUID.fromString("7dd42a49-5329-4832-8dfd-43d979153a88");

    @Test
    void logfileHeaderFacts() throws Exception {
        try (EtlReader r = EtlReader.open(Fixtures.kernelNetworkEtl())) {
            LogfileHeader h = r.header();
            assertEquals(8192, h.bufferSize());
            assertEquals(6, h.majorVersion());
            assertEquals(1, h.minorVersion());
            assertEquals(7601, h.providerVersion());
            assertEquals(4, h.numberOfProcessors());
            assertEquals(8, h.pointerSize());
            assertEquals(129, h.buffersWritten());
            assertEquals(156001, h.timerResolution100ns());
            assertEquals(3066, h.cpuSpeedMhz());
            assertEquals(2994853L, h.perfFreq());
            assertEquals(LogfileHeader.CLOCK_QPC, h.clockType());
            assertEquals(886892083256L, h.startQpc());
            assertEquals(LogfileHeader.fromFiletime(129846116328135944L), h.startTime());
            assertEquals(Instant.parse("2012-06-19T20:33:52.813594400Z"), h.startTime());
            assertEquals("DataCollector01", h.loggerName());
            assertTrue(h.logFileName().startsWith("C:\\PerfLogs"), h.logFileName());
            assertEquals(0, h.eventsLost());
        }
    }

    @Test
    void countsEveryEventHeaderRecordPerId() throws Exception {
        Map<Integer, Integer> perId = new TreeMap<>();
        int total = 0;
        Instant first = null, last = null;
        try (EtlReader r = EtlReader.open(Fixtures.kernelNetworkEtl())) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                assertEquals(KN, v.providerId());
                perId.merge(v.eventId(), 1, Integer::sum);
                total++;
                if (first == null || v.timestamp().isBefore(first)) first = v.timestamp();
                if (last == null || v.timestamp().isAfter(last)) last = v.timestamp();
            }
            assertEquals(8923, r.stats().records(RecordKind.EVENT_HEADER));
            assertEquals(129, r.stats().buffers());
            assertEquals(1, r.stats().records(RecordKind.SYSTEM)); // the logfile header record
            assertEquals(0, r.stats().records(RecordKind.UNKNOWN));
            assertTrue(!first.isBefore(r.header().startTime()), "first event before session start");
            assertTrue(last.isBefore(r.header().endTime().plusSeconds(1)), "last event after session end");
        }
        assertEquals(8923, total);
        assertEquals(Map.of(10, 575, 11, 7968, 26, 26, 27, 134, 29, 2, 42, 8, 43, 149, 59, 61), perId);
    }

    @Test
    void firstAndHundredthEventsFieldByField() throws Exception {
        try (EtlReader r = EtlReader.open(Fixtures.kernelNetworkEtl())) {
            EventRecordView v = r.next();
            assertEquals(0x2048, v.sourceOffset());
            assertEquals(27, v.eventId());
            assertEquals(0, v.version());
            assertEquals(4, v.level());
            assertEquals(11, v.opcode());
            assertEquals(10, v.task());
            assertEquals(0x8000000000000020L, v.keyword());
            assertEquals(886892683380L, v.rawTimestamp());
            // (886892683380 - 886892083256) ticks at 2994853 Hz after the start time = 200.385127 ms
            assertEquals(Instant.parse("2012-06-19T20:33:52.813594400Z").plusNanos(200_385_127), v.timestamp());
            assertEquals(8, v.pointerSize());
            assertEquals("80090000250000002001489800000fff00005efe0af6060d2001489800000fff00005efe0a796a765fa50d3d000000000000000000000000",
                    HexFormat.of().formatHex(v.data(), v.payloadOffset(), v.payloadOffset() + v.payloadLength()));
            for (int i = 1; i <= 100; i++) v = r.next(); // index 100
            assertEquals(0x4d70, v.sourceOffset());
            assertEquals(11, v.eventId());
            assertEquals(886897164953L, v.rawTimestamp());
            assertEquals("9c0a0000051000009d38f4260a796a7601bbf12c000000000000000000000000",
                    HexFormat.of().formatHex(v.data(), v.payloadOffset(), v.payloadOffset() + v.payloadLength()));
        }
    }
}
