package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.SchemaRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Seeded, bounded mutation fuzzing: the reader and the walker may only ever fail with EtlFormatException. */
class FuzzTest {
    @TempDir Path dir;

    @Test
    void mutatedFilesDecodeOrFailCleanlyAtOpen() throws Exception {
        byte[] real = Arrays.copyOf(Files.readAllBytes(Fixtures.kernelNetworkEtl()), 8 * 8192);
        byte[] synthetic = EtlReaderSyntheticTest.mixed().build();
        byte[] compressed = Files.readAllBytes(Fixtures.etl("demikernel_PktMon.etl"));
        Random rnd = new Random(20240601);
        int refused = 0, decoded = 0, damaged = 0;
        for (int iter = 0; iter < 300; iter++) {
            byte[] base = iter % 3 == 0 ? synthetic : iter % 3 == 1 ? real : compressed;
            byte[] m = base.clone();
            int flips = 1 + rnd.nextInt(12);
            for (int k = 0; k < flips; k++) {
                // bias towards headers, where structure lives
                int at = rnd.nextBoolean() ? rnd.nextInt(m.length) : (rnd.nextInt(m.length / 512) * 512 + rnd.nextInt(160)) % m.length;
                m[at] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(5) == 0) m = Arrays.copyOf(m, rnd.nextInt(m.length));
            EventDecoder decoder = new EventDecoder();
            EtlReader r;
            try {
                r = EtlReader.open(new ByteArrayChannel(m));
            } catch (EtlFormatException expected) { // no readable logfile header: the only refusal
                assertTrue(expected.offset() >= 0 && expected.offset() <= m.length, expected.getMessage());
                refused++;
                continue;
            }
            try (r) {
                long guard = m.length / 8 + 2;
                EventRecordView v;
                while ((v = r.next()) != null) {
                    assertTrue(--guard > 0, "reader does not advance, iteration " + iter);
                    NetEvent e = decoder.decode(v);
                    assertNotNull(e);
                    decoded++;
                }
                for (EtlFormatException d : r.stats().damage()) assertTrue(d.offset() >= 0 && d.offset() <= m.length, d.getMessage());
                if (r.stats().damaged() > 0) damaged++;
            }
        }
        assertTrue(decoded > 1000, "mutations should mostly leave events decodable: " + decoded);
        assertTrue(damaged > 10, "mutations should hit structure sometimes: " + damaged);
        assertTrue(refused > 0 && refused < 150, "refused at open: " + refused);
    }

    /** Every record of a file as (buffer index, source offset, event id, raw timestamp), keyed by the buffer. */
    private static Map<Integer, List<String>> recordsPerBuffer(byte[] file, long[] bufferStarts) throws Exception {
        Map<Integer, List<String>> out = new TreeMap<>();
        try (EtlReader r = EtlReader.open(new ByteArrayChannel(file))) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                int b = Arrays.binarySearch(bufferStarts, v.sourceOffset());
                int buffer = b >= 0 ? b : -b - 2;
                out.computeIfAbsent(buffer, k -> new ArrayList<>())
                        .add(v.sourceOffset() + "/" + v.providerId() + "/" + v.eventId() + "/" + v.opcode() + "/" + v.rawTimestamp());
            }
        }
        return out;
    }

    private static long[] bufferStarts(byte[] f) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Long> starts = new ArrayList<>();
        for (long at = 0; at < f.length; at += b.getInt((int) at)) starts.add(at);
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Issue 14: ten flipped bits used to end the read of KernelNetwork.etl at the first damage. Now every buffer the
     * flips did not touch yields exactly its records (checked per buffer against the sound file), whatever the flips
     * hit: record sizes, markers, buffer headers (half the flips aim at those), compressed data.
     */
    @Test
    void flippedBitsCostOnlyTheBuffersTheyHit() throws Exception {
        assertIntactBuffersSurvive(Files.readAllBytes(Fixtures.kernelNetworkEtl()), 30, 10, 1);
        assertIntactBuffersSurvive(Files.readAllBytes(Fixtures.etl("net.4.5.2.x64.etl")), 4, 10, 2);
    }

    private static void assertIntactBuffersSurvive(byte[] sound, int rounds, int flips, long seed) throws Exception {
        long[] starts = bufferStarts(sound);
        Map<Integer, List<String>> expected = recordsPerBuffer(sound, starts);
        Random rnd = new Random(seed);
        long checked = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] m = sound.clone();
            java.util.Set<Integer> hit = new java.util.TreeSet<>();
            for (int k = 0; k < flips; k++) {
                // not the logfile header's buffer; every other flip in a buffer header (sizes, flags, CPU)
                int at = k % 2 == 0 ? (int) starts[1 + rnd.nextInt(starts.length - 1)] + rnd.nextInt(64)
                        : (int) starts[1] + rnd.nextInt(m.length - (int) starts[1]);
                m[at] ^= (byte) (1 << rnd.nextInt(8));
                int b = Arrays.binarySearch(starts, at);
                hit.add(b >= 0 ? b : -b - 2);
            }
            Map<Integer, List<String>> got = recordsPerBuffer(m, starts);
            for (Map.Entry<Integer, List<String>> e : expected.entrySet()) {
                if (hit.contains(e.getKey())) continue;
                assertEquals(e.getValue(), got.get(e.getKey()), "round " + round + ": buffer " + e.getKey()
                        + " untouched by flips in " + hit);
                checked += e.getValue().size();
            }
        }
        assertTrue(checked > 1000, "records checked: " + checked);
    }

    @Test
    void walkerSurvivesRandomPayloadsForEverySchema() {
        SchemaRegistry reg = SchemaRegistry.builtIn();
        List<EventSchema> all = new ArrayList<>();
        for (UUID p : reg.providers()) all.addAll(reg.events(p));
        Random rnd = new Random(7);
        EventDecoder decoder = new EventDecoder();
        for (int iter = 0; iter < 20_000; iter++) {
            EventSchema s = all.get(rnd.nextInt(all.size()));
            byte[] data = new byte[rnd.nextInt(160)];
            rnd.nextBytes(data);
            int off = data.length == 0 ? 0 : rnd.nextInt(data.length);
            EventRecordView v = new EventRecordView().provider(s.provider())
                    .descriptor(s.id(), s.version(), 0, 4, s.opcode(), s.task(), 0)
                    .flags(rnd.nextBoolean() ? EventRecordView.FLAG_32_BIT_HEADER : 0, 0)
                    .process(rnd.nextInt(10), 1).time(0, Instant.EPOCH).payload(data, off, data.length - off);
            assertNotNull(decoder.decode(v), s.toString());
        }
    }
}
