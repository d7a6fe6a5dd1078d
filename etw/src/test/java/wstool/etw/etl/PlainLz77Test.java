package wstool.etw.etl;

import org.junit.jupiter.api.Test;
import wstool.etw.Fixtures;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** MS-XCA Plain LZ77: the specification's examples, every length encoding, malformed input, seeded fuzzing. */
class PlainLz77Test {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] expand(byte[] in, int outLen) {
        PlainLz77 lz = new PlainLz77();
        assertTrue(lz.decompress(in, 0, in.length, 0, outLen), () -> lz.problem());
        return Arrays.copyOf(lz.output(), outLen);
    }

    @Test
    void specificationExamples() {
        // [MS-XCA] 3.1 "LZ77 Plain": 26 literals under flags 0x0000003f
        byte[] letters = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(letters, expand(HEX.parseHex("3f000000" + HEX.formatHex(letters)), 26));
        // "abc" 100 times: three literals, then one match at offset 3 whose length 297 takes the half-byte, byte and
        // 16-bit steps (7 -> 15 -> 255 -> 0x0126 = 294; 294 - 22 + 15 + 7 + 3 = 297)
        assertArrayEquals("abc".repeat(100).getBytes(StandardCharsets.US_ASCII),
                expand(HEX.parseHex("ffffff1f61626317000fff2601"), 300));
    }

    /** Flags word + items, built by hand for the encodings the examples do not reach. */
    private static byte[] stream(int flags, int... bytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN).putInt(flags);
        for (int x : bytes) b.put((byte) x);
        return b.array();
    }

    @Test
    void sharedHalfByteAndThirtyTwoBitLength() {
        // literal 'x', match(offset 1, code 7) taking the low nibble 2 of the next byte (7+2+3 = 12),
        // match(offset 1, code 7) taking that byte's high nibble 4 (7+4+3 = 14)
        byte[] s = stream(0b011 << 29, 'x', 0x07, 0x00, 0x42, 0x07, 0x00);
        assertArrayEquals("x".repeat(27).getBytes(StandardCharsets.US_ASCII), expand(s, 27));
        // 32-bit length: 7 -> nibble 15 -> byte 255 -> u16 0 -> u32 69,997: 69,997 - 22 + 15 + 7 + 3 = 70,000
        byte[] big = stream(0b01 << 30, 'y', 0x07, 0x00, 0x0F, 0xFF, 0x00, 0x00, 0x6D, 0x11, 0x01, 0x00);
        byte[] out = expand(big, 70_001);
        for (byte b : out) assertEquals('y', b);
        // offset: the 13 high bits + 1; "ab" then match(offset 2, length 3) = "ababa"
        assertArrayEquals("ababa".getBytes(StandardCharsets.US_ASCII), expand(stream(0b001 << 29, 'a', 'b', 0x08, 0x00), 5));
    }

    @Test
    void malformedInputIsRefusedWithAReason() {
        PlainLz77 lz = new PlainLz77();
        assertFalse(lz.decompress(stream(1 << 31, 0x10, 0x00), 0, 6, 0, 10)); // offset 3 before any output
        assertTrue(lz.problem().contains("before the start"), lz.problem());
        assertFalse(lz.decompress(stream(1 << 30, 'a', 0x06, 0x00), 0, 7, 0, 5)); // 9 bytes into 4 left
        assertTrue(lz.problem().contains("overruns"), lz.problem());
        assertFalse(lz.decompress(stream(0, 'a', 'b'), 0, 6, 0, 5)); // input ends early
        assertTrue(lz.problem().contains("ends"), lz.problem());
        assertFalse(lz.decompress(new byte[3], 0, 3, 0, 1));
        assertTrue(lz.problem().contains("flag word"), lz.problem());
        // u16 length below the 22 its encoding implies
        assertFalse(lz.decompress(stream(1 << 30, 'a', 0x07, 0x00, 0x0F, 0xFF, 0x05, 0x00), 0, 11, 0, 100));
        assertTrue(lz.problem().contains("minimum"), lz.problem());
        assertFalse(lz.decompress(new byte[8], 4, 8, 0, 1), "arguments outside the input");
    }

    @Test
    void outputBufferIsReusedAndHeaderBytesKept() {
        PlainLz77 lz = new PlainLz77();
        byte[] s = HEX.parseHex("3f000000" + "6162");
        assertTrue(lz.decompress(s, 0, s.length, 72, 2));
        byte[] first = lz.output();
        first[0] = 9;
        assertTrue(lz.decompress(s, 0, s.length, 72, 1));
        assertSame(first, lz.output());
        assertEquals(9, lz.output()[0], "bytes before the output offset are the caller's");
        assertEquals('a', lz.output()[72]);
    }

    /** The compressed payloads (after the 72-byte header) of the real PerfView capture, with their sizes. */
    static List<Object[]> realBuffers(int max) throws Exception {
        byte[] f = Files.readAllBytes(Fixtures.etl("net.4.5.2.x64.etl"));
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        List<Object[]> out = new ArrayList<>();
        for (int at = 0; at < f.length && out.size() < max; at += b.getInt(at)) {
            if ((b.getShort(at + 0x34) & 0x40) != 0) {
                out.add(new Object[]{Arrays.copyOfRange(f, at + 72, at + b.getInt(at)), b.getInt(at + 4) - 72});
            }
        }
        return out;
    }

    @Test
    void seededFuzzNeverThrowsAndAlwaysEnds() throws Exception {
        List<Object[]> real = realBuffers(8);
        Random rnd = new Random(14);
        PlainLz77 lz = new PlainLz77();
        int refused = 0, expanded = 0;
        for (int iter = 0; iter < 2000; iter++) {
            byte[] in;
            int outLen;
            if (iter % 2 == 0) {
                Object[] r = real.get(rnd.nextInt(real.size()));
                in = ((byte[]) r[0]).clone();
                outLen = (Integer) r[1];
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) in[rnd.nextInt(in.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextInt(4) == 0) in = Arrays.copyOf(in, rnd.nextInt(in.length));
                if (rnd.nextInt(4) == 0) outLen = rnd.nextInt(outLen * 2 + 1);
            } else {
                in = new byte[rnd.nextInt(200)];
                rnd.nextBytes(in);
                outLen = rnd.nextInt(5000);
            }
            boolean ok = lz.decompress(in, 0, in.length, 72, outLen);
            if (ok) {
                expanded++;
                assertNull(lz.problem());
                assertTrue(lz.output().length >= 72 + outLen);
            } else {
                refused++;
                assertNotNull(lz.problem());
            }
        }
        assertTrue(refused > 500 && expanded > 50, refused + " refused, " + expanded + " expanded");
    }
}
