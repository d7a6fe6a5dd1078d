package wstool.enrich;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import wstool.core.model.Enrichment;

/**
 * Compiles a {@link MmdbSource}'s file into a {@link RangeTable} file: walks the database's search tree (the MaxMind
 * DB format: {@code node_count} nodes of two {@code record_size}-bit records; a record below {@code node_count} is a
 * node, equal to it "no data", above it a pointer into the data section), decodes each distinct data record once
 * through the maxmind-db reader (so the answers are the reader's, by construction) and streams the ranges to
 * temporary files; the table is assembled in a temporary file in the target's folder and moved into place, so a
 * reader never sees half a table. Memory: a map of the distinct records and the offsets of the answers (a few MB for
 * GeoLite2 City), whatever the database's size.
 */
public final class RangeTableWriter {
    /**
     * Decoded values kept by offset while building: records share their country, continent and subdivision maps
     * (names in eight languages), so these are decoded once; bounded by count to keep a small heap enough.
     */
    private static final int BUILD_CACHE = 1 << 14;

    private final MmdbSource source;
    private final Reader reader;
    private final MappedByteBuffer db;
    private final long nodeCount;
    private final int recordSize;
    private final int nodeBytes;
    private final LongConsumer progress;
    private final IntIntMap byPointer = new IntIntMap();
    /** Answers by a 64-bit hash of their bytes: different records often map to one answer (postal codes differ). */
    private final IntIntMap byValue = new IntIntMap();
    private int[] valueOffsets = new int[1024];
    private int answers;
    /** The answers' bytes in chunks (no large copies when growing: the build fits a small heap); none spans two. */
    private final java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    private int valuesLen;
    private static final int CHUNK = 1 << 20;
    private long walked;

    private RangeTableWriter(MmdbSource source, Reader reader, MappedByteBuffer db, LongConsumer progress) {
        this.source = source;
        this.reader = reader;
        this.db = db;
        Metadata m = reader.getMetadata();
        this.nodeCount = m.nodeCount();
        this.recordSize = m.recordSize();
        this.nodeBytes = recordSize / 4;
        this.progress = progress;
    }

    /**
     * Writes the table of {@code source} (which must read a file) to {@code target}, replacing it atomically.
     * {@code progress} receives the share of the tree walked so far, in millionths.
     */
    public static void write(MmdbSource source, Path target, LongConsumer progress) {
        Path file = source.file();
        if (file == null) throw new IllegalArgumentException(source.name() + " is not read from a file");
        RangeTable.Key key = RangeTable.key(file);
        Path dir = target.toAbsolutePath().getParent();
        Path v4 = null;
        Path v6 = null;
        Path tmp = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             Reader r = new Reader(file.toFile(), new com.maxmind.db.CHMCache(BUILD_CACHE))) {
            Files.createDirectories(dir);
            MappedByteBuffer db = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            RangeTableWriter w = new RangeTableWriter(source, r, db, progress);
            v4 = Files.createTempFile(dir, ".v4-", ".tmp");
            v6 = Files.createTempFile(dir, ".v6-", ".tmp");
            int[] slice = new int[RangeTable.SLICES];
            long[] counts = new long[2];
            try (DataOutputStream o4 = stream(v4); DataOutputStream o6 = stream(v6)) {
                counts[0] = w.walkV4(o4, slice);
                counts[1] = r.getMetadata().ipVersion() == 6 ? w.walkV6(o6) : 0;
            }
            tmp = Files.createTempFile(dir, ".table-", ".tmp");
            w.assemble(tmp, key, slice, counts, v4, v6);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof GeoDataException g) throw g;
            throw new GeoDataException(file + ": cannot compile the range table into " + target + " (" + e.getMessage() + ")", e);
        } finally {
            for (Path p : new Path[] {v4, v6, tmp}) deleteQuietly(p);
        }
    }

    private static DataOutputStream stream(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is named .tmp and never read
        }
    }

    /** One search-tree record: a node number, {@code nodeCount} (no data) or a data pointer. */
    private long record(long node, int bit) {
        int at = (int) (node * nodeBytes);
        switch (recordSize) {
            case 24:
                return u24(at + bit * 3);
            case 28:
                int middle = db.get(at + 3) & 0xff;
                return bit == 0 ? ((long) (middle & 0xf0) << 20) | u24(at) : ((long) (middle & 0x0f) << 24) | u24(at + 4);
            case 32:
                return Integer.toUnsignedLong(db.getInt(at + bit * 4));
            default:
                throw new GeoDataException(source.name() + ": record size " + recordSize + " is not 24, 28 or 32");
        }
    }

    private long u24(int at) { return ((db.get(at) & 0xffL) << 16) | ((db.get(at + 1) & 0xffL) << 8) | (db.get(at + 2) & 0xffL); }

    /** The node (or record value) reached from the root by {@code depth} zero bits: where IPv4 lives in an IPv6 tree. */
    private long ipv4Root() {
        if (reader.getMetadata().ipVersion() == 4) return 0;
        long node = 0;
        for (int i = 0; i < 96 && node < nodeCount; i++) node = record(node, 0);
        return node;
    }

    /** Ranges of the IPv4 part in address order, adjacent equal answers merged; returns how many. */
    private long walkV4(DataOutputStream out, int[] slice) throws IOException {
        long[] n = {0};
        int[] last = {Integer.MIN_VALUE};
        int[] nextSlice = {0}; // the first /16 whose range is not yet known
        walk(ipv4Root(), 0, 0L, 32, (start, answer) -> {
            if (answer == last[0]) return;
            // every /16 starting before this range belongs to the previous one (slice[p]: the range holding p.0.0)
            for (; nextSlice[0] < 65536 && ((long) nextSlice[0] << 16) < start; nextSlice[0]++) slice[nextSlice[0]] = (int) n[0] - 1;
            out.writeInt((int) start ^ Integer.MIN_VALUE);
            out.writeInt(answer);
            last[0] = answer;
            n[0]++;
        });
        for (; nextSlice[0] < 65536; nextSlice[0]++) slice[nextSlice[0]] = (int) n[0] - 1;
        slice[65536] = (int) n[0] - 1;
        return n[0];
    }

    interface RangeOut { void accept(long start, int answer) throws IOException; }

    /**
     * Depth-first over the IPv4 part, left (0) before right, so ranges come in address order.
     */
    private void walk(long root, int depth, long start, int width, RangeOut out) throws IOException {
        long[] nodes = new long[width + 1];
        int[] depths = new int[width + 1];
        long[] starts = new long[width + 1];
        int sp = 0;
        nodes[sp] = root;
        depths[sp] = depth;
        starts[sp++] = start;
        while (sp > 0) {
            sp--;
            long node = nodes[sp];
            int d = depths[sp];
            long s = starts[sp];
            if (node >= nodeCount || d == width) {
                out.accept(s, answerOf(node, s, 32));
                continue;
            }
            // push right first so left is processed first
            nodes[sp] = record(node, 1);
            depths[sp] = d + 1;
            starts[sp++] = s | (1L << (width - 1 - d));
            nodes[sp] = record(node, 0);
            depths[sp] = d + 1;
            starts[sp++] = s;
        }
    }

    /** Ranges of the whole IPv6 tree; subtrees that are the IPv4 part (aliases included) become alias ranges. */
    private long walkV6(DataOutputStream out) throws IOException {
        long v4root = ipv4Root();
        long[] nodes = new long[129];
        int[] depths = new int[129];
        long[] his = new long[129];
        long[] los = new long[129];
        int sp = 0;
        nodes[sp] = 0;
        depths[sp] = 0;
        his[sp] = 0;
        los[sp++] = 0;
        long n = 0;
        int last = Integer.MIN_VALUE;
        while (sp > 0) {
            sp--;
            long node = nodes[sp];
            int d = depths[sp];
            long hi = his[sp];
            long lo = los[sp];
            int answer;
            if (node == v4root && v4root < nodeCount && d > 0) answer = -2 - d;
            else if (node >= nodeCount || d == 128) answer = answerOf(node, -1, 128, hi, lo);
            else {
                long rh = hi;
                long rl = lo;
                if (d < 64) rh |= 1L << (63 - d);
                else rl |= 1L << (127 - d);
                nodes[sp] = record(node, 1);
                depths[sp] = d + 1;
                his[sp] = rh;
                los[sp++] = rl;
                nodes[sp] = record(node, 0);
                depths[sp] = d + 1;
                his[sp] = hi;
                los[sp++] = lo;
                continue;
            }
            if (answer == last && answer > -2) continue; // alias answers depend on the address: never merged
            out.writeLong(hi);
            out.writeLong(lo);
            out.writeInt(answer);
            out.writeInt(0);
            last = answer;
            n++;
        }
        return n;
    }

    private int answerOf(long record, long v4start, int width) throws IOException {
        return answerOf(record, v4start, width, 0, 0);
    }

    /** -1 for "no data", else the index of the record's answer (decoded and stored at its first sight). */
    private int answerOf(long record, long v4start, int width, long hi, long lo) throws IOException {
        if (record <= nodeCount) return -1; // == nodeCount: no data; below: a node at full depth cannot occur
        if ((++walked & 0x3fff) == 0) {
            if (Thread.currentThread().isInterrupted()) throw new GeoDataException(source.name() + ": range table build cancelled");
            if (progress != null) progress.accept(width == 32 ? Math.min(999_999, v4start * 1_000_000 / (1L << 32)) : 999_999);
        }
        int pointer = (int) (record - nodeCount); // 1 .. 2^32-1: a data section offset plus 16, never 0
        int known = byPointer.get(pointer);
        if (known >= 0) return known;
        InetAddress a = width == 32 ? ipv4(v4start) : ipv6(hi, lo);
        Enrichment e = MmdbSchema.read(reader, a, source.nested());
        int idx = addAnswer(e);
        byPointer.put(pointer, idx);
        return idx;
    }

    private int addAnswer(Enrichment e) {
        byte[] b = RangeTable.encode(e);
        int h = hash(b);
        int same = byValue.get(h);
        if (same >= 0 && sameBytes(same, b)) return same;
        if (answers + 2 >= valueOffsets.length) valueOffsets = Arrays.copyOf(valueOffsets, valueOffsets.length * 2);
        if (chunks.isEmpty() || valuesLen % CHUNK + b.length > CHUNK || valuesLen % CHUNK == 0 && valuesLen > 0) {
            valuesLen = chunks.size() * CHUNK; // the rest of the last chunk stays unused
            chunks.add(new byte[CHUNK]);
        }
        System.arraycopy(b, 0, chunks.get(chunks.size() - 1), valuesLen % CHUNK, b.length);
        valueOffsets[answers] = valuesLen;
        valuesLen += b.length;
        valueOffsets[answers + 1] = valuesLen;
        if (same < 0) byValue.put(h, answers);
        return answers++;
    }

    private boolean sameBytes(int index, byte[] b) {
        int from = valueOffsets[index];
        int to = valueOffsets[index + 1];
        return to - from == b.length && Arrays.equals(chunks.get(from / CHUNK), from % CHUNK, from % CHUNK + b.length, b, 0, b.length);
    }

    /** FNV-1a, never 0 (the map's free-slot mark); a collision only costs a missed merge, the bytes are compared. */
    private static int hash(byte[] b) {
        int h = 0x811c9dc5;
        for (byte x : b) h = (h ^ (x & 0xff)) * 0x01000193;
        return h == 0 ? 1 : h;
    }

    private InetAddress ipv4(long start) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) start).array());
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private InetAddress ipv6(long hi, long lo) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(hi).putLong(lo).array());
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void assemble(Path tmp, RangeTable.Key key, int[] slice, long[] counts, Path v4, Path v6) throws IOException {
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new java.util.zip.CheckedOutputStream(file, crc), 1 << 16))) {
            out.write(RangeTable.MAGIC);
            out.writeInt(RangeTable.VERSION);
            out.writeInt(0);
            out.writeLong(key.size());
            out.writeLong(key.modifiedMillis());
            out.writeLong(key.hash());
            out.writeInt((int) counts[0]);
            out.writeInt((int) counts[1]);
            out.writeInt(answers);
            out.writeInt(valuesLen);
            out.write(new byte[RangeTable.HEADER - 56]);
            for (int s : slice) out.writeInt(s);
            Files.copy(v4, out);
            Files.copy(v6, out);
            for (int i = 0; i <= answers; i++) out.writeInt(valueOffsets[i]);
            for (int c = 0; c < chunks.size(); c++) out.write(chunks.get(c), 0, Math.min(CHUNK, valuesLen - c * CHUNK));
            out.flush();
            long sum = crc.getValue();
            new DataOutputStream(file).writeLong(sum);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * An open-addressing map from non-zero 32-bit keys to answer indices (no boxing: millions of probes per build;
     * 8 bytes a slot at most 3/4 full, so GeoLite2 City's ~1 M distinct records fit a small heap).
     */
    private static final class IntIntMap {
        private int[] keys = new int[1 << 16];
        private int[] vals = new int[1 << 16];
        private int size;

        int get(int k) {
            int mask = keys.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == 0) return -1;
                if (keys[i] == k) return vals[i];
            }
        }

        void put(int k, int v) {
            if (size * 4L >= keys.length * 3L) grow();
            int mask = keys.length - 1;
            int i = mix(k) & mask;
            while (keys[i] != 0 && keys[i] != k) i = (i + 1) & mask;
            if (keys[i] == 0) size++;
            keys[i] = k;
            vals[i] = v;
        }

        private void grow() {
            int[] ok = keys;
            int[] ov = vals;
            keys = new int[ok.length * 2];
            vals = new int[ok.length * 2];
            size = 0;
            for (int i = 0; i < ok.length; i++) if (ok[i] != 0) put(ok[i], ov[i]);
        }

        private static int mix(int k) {
            int h = k * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
