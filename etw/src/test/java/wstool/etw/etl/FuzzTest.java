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
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Seeded, bounded mutation fuzzing: the reader and the walker may only ever fail with EtlFormatException. */
class FuzzTest {
    @TempDir Path dir;

    @Test
    void mutatedFilesFailCleanlyOrDecode() throws Exception {
        byte[] real = Arrays.copyOf(Files.readAllBytes(Fixtures.kernelNetworkEtl()), 8 * 8192);
        byte[] synthetic = EtlReaderSyntheticTest.mixed().build();
        Random rnd = new Random(20240601);
        Path f = dir.resolve("fuzz.etl");
        int errors = 0, decoded = 0;
        for (int iter = 0; iter < 300; iter++) {
            byte[] base = iter % 3 == 0 ? synthetic : real;
            byte[] m = base.clone();
            int flips = 1 + rnd.nextInt(12);
            for (int k = 0; k < flips; k++) {
                // bias towards headers, where structure lives
                int at = rnd.nextBoolean() ? rnd.nextInt(m.length) : (rnd.nextInt(m.length / 512) * 512 + rnd.nextInt(160)) % m.length;
                m[at] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(5) == 0) m = Arrays.copyOf(m, rnd.nextInt(m.length));
            Files.write(f, m);
            EventDecoder decoder = new EventDecoder();
            try (EtlReader r = EtlReader.open(f)) {
                long guard = m.length / 8 + 2;
                EventRecordView v;
                while ((v = r.next()) != null) {
                    assertTrue(--guard > 0, "reader does not advance, iteration " + iter);
                    NetEvent e = decoder.decode(v);
                    assertNotNull(e);
                    decoded++;
                }
            } catch (EtlFormatException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= m.length, expected.getMessage());
                errors++;
            }
        }
        assertTrue(decoded > 1000, "mutations should mostly leave events decodable: " + decoded);
        assertTrue(errors > 10, "mutations should hit structure sometimes: " + errors);
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
