package wstool.enrich;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;

/**
 * The compiled form of a {@link MmdbSource}: every network of the database as sorted, tiling IPv4 and IPv6 range
 * tables over de-duplicated answers, in one file that is memory-mapped (nothing of it is copied into the heap but
 * the answers actually asked for). An IPv4 lookup is a binary search within the ranges of the address's /16; an
 * IPv6 one a binary search over all IPv6 ranges. Built once by {@link RangeTableWriter}; {@link #open} refuses a
 * file that is not for this very database (size, modification time and a hash of its head and metadata), of another
 * format version, or whose checksum is wrong, so a stale or damaged table is rebuilt, never trusted.
 *
 * <p>Format (big-endian): a 64-byte header ({@link #MAGIC}, version, the source's key, counts), the /16 index
 * (65,537 ints: the IPv4 range holding p.0.0), IPv4 ranges (start with the sign bit flipped, answer: 8 bytes), IPv6
 * ranges (start as two longs, answer, padding: 24 bytes), answer offsets (answers + 1 ints), the answers' bytes, and
 * a CRC-32C of everything before it. An answer is -1 for "not in the database", an index, or for IPv6 ranges where
 * the database's tree aliases its IPv4 part (::/96, ::ffff:0:0/96, 2002::/16) -2 - d: "the IPv4 address at bit d".
 */
public final class RangeTable implements GeoSource {
    static final byte[] MAGIC = "WSRANGES".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 64;
    static final int SLICES = 65537;
    static final int V4_RECORD = 8;
    static final int V6_RECORD = 24;

    /** What identifies the source database a table was built from. */
    public record Key(long size, long modifiedMillis, long hash) {}

    private final MmdbSource source;
    private final ByteBuffer buf;
    private final int v4Count;
    private final int v6Count;
    private final int answers;
    private final int sliceOff;
    private final int v4Off;
    private final int v6Off;
    private final int offsetsOff;
    private final int valuesOff;
    private final Enrichment[] decoded;

    private RangeTable(MmdbSource source, ByteBuffer buf) {
        this.source = source;
        this.buf = buf;
        this.v4Count = buf.getInt(40);
        this.v6Count = buf.getInt(44);
        this.answers = buf.getInt(48);
        this.sliceOff = HEADER;
        this.v4Off = sliceOff + SLICES * 4;
        this.v6Off = v4Off + v4Count * V4_RECORD;
        this.offsetsOff = v6Off + v6Count * V6_RECORD;
        this.valuesOff = offsetsOff + (answers + 1) * 4;
        this.decoded = new Enrichment[answers];
    }

    /**
     * The table in {@code file} for {@code source}, memory-mapped; null with the reason in {@code why[0]} when the
     * file is missing, for another database or version, or damaged.
     */
    public static RangeTable open(Path file, MmdbSource source, String[] why) {
        if (!Files.isRegularFile(file)) {
            why[0] = "not built yet";
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER + SLICES * 4L + 8 || size > Integer.MAX_VALUE) {
                why[0] = "damaged (" + size + " bytes)";
                return null;
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            String problem = check(m, key(source.file()));
            if (problem != null) {
                why[0] = problem;
                return null;
            }
            return new RangeTable(source, m);
        } catch (IOException e) {
            why[0] = "unreadable (" + e.getMessage() + ")";
            return null;
        }
    }

    /** Null when the mapped table is complete, intact and for {@code expected}; else what is wrong. */
    private static String check(ByteBuffer m, Key expected) {
        byte[] magic = new byte[MAGIC.length];
        m.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) return "not a range table";
        if (m.getInt(8) != VERSION) return "format version " + m.getInt(8) + ", not " + VERSION;
        if (new Key(m.getLong(16), m.getLong(24), m.getLong(32)).equals(expected) == false) return "built from another version of the database";
        long v4 = m.getInt(40);
        long v6 = m.getInt(44);
        long answers = m.getInt(48);
        long values = m.getInt(52);
        if (v4 < 1 || v6 < 0 || answers < 0 || values < 0) return "damaged header";
        long expectedSize = HEADER + SLICES * 4L + v4 * V4_RECORD + v6 * V6_RECORD + (answers + 1) * 4 + values + 8;
        if (expectedSize != m.capacity()) return "damaged (" + m.capacity() + " bytes, the header says " + expectedSize + ")";
        CRC32C crc = new CRC32C();
        crc.update(m.duplicate().position(0).limit(m.capacity() - 8));
        if (crc.getValue() != m.getLong(m.capacity() - 8)) return "damaged (checksum mismatch)";
        return null;
    }

    /**
     * The key of a database file: size, modification time and a hash of its first 4 KB and last 128 KB (the
     * search tree's head and the metadata, which holds the build time).
     */
    public static Key key(Path db) {
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.READ)) {
            long size = ch.size();
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 4096));
            ch.read(head, 0);
            sha.update(head.flip());
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 128 * 1024));
            ch.read(tail, size - tail.capacity());
            sha.update(tail.flip());
            long hash = ByteBuffer.wrap(sha.digest()).getLong();
            return new Key(size, Files.getLastModifiedTime(db).toMillis(), hash);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new GeoDataException(db + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    @Override public String name() { return source.name(); }

    @Override public boolean coversIpv6() { return source.coversIpv6(); }

    /** The database this table was compiled from (for its metadata). */
    public MmdbSource source() { return source; }

    public int ipv4Ranges() { return v4Count; }

    public int ipv6Ranges() { return v6Count; }

    public int distinctAnswers() { return answers; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address instanceof Inet4Address) return answer(v4Answer(address.hashCode())); // hashCode: the address as an int
        if (!(address instanceof Inet6Address) || v6Count == 0) return Enrichment.NONE;
        byte[] b = address.getAddress();
        ByteBuffer w = ByteBuffer.wrap(b);
        long hi = w.getLong();
        long lo = w.getLong();
        int a = v6Answer(hi, lo);
        if (a <= -2) { // the tree's IPv4 part, reached at bit d
            int d = -2 - a;
            int v4 = (int) (bits(hi, lo, d) >>> 32);
            return answer(v4Answer(v4));
        }
        return answer(a);
    }

    /** 64 bits of the 128-bit address starting at bit {@code d} (0 = most significant). */
    private static long bits(long hi, long lo, int d) {
        if (d == 0) return hi;
        if (d >= 64) return d == 64 ? lo : lo << (d - 64);
        return (hi << d) | (lo >>> (64 - d));
    }

    private int v4Answer(int ip) {
        int p = ip >>> 16;
        int lo = buf.getInt(sliceOff + p * 4);
        int hi = buf.getInt(sliceOff + (p + 1) * 4);
        int key = ip ^ Integer.MIN_VALUE;
        while (lo < hi) { // the last range starting at or before the address
            int mid = (lo + hi + 1) >>> 1;
            if (buf.getInt(v4Off + mid * V4_RECORD) <= key) lo = mid;
            else hi = mid - 1;
        }
        return buf.getInt(v4Off + lo * V4_RECORD + 4);
    }

    private int v6Answer(long hi, long lo) {
        int l = 0;
        int h = v6Count - 1;
        while (l < h) {
            int mid = (l + h + 1) >>> 1;
            int at = v6Off + mid * V6_RECORD;
            int c = Long.compareUnsigned(buf.getLong(at), hi);
            if (c == 0) c = Long.compareUnsigned(buf.getLong(at + 8), lo);
            if (c <= 0) l = mid;
            else h = mid - 1;
        }
        return buf.getInt(v6Off + l * V6_RECORD + 16);
    }

    private Enrichment answer(int index) {
        if (index < 0) return Enrichment.NONE;
        Enrichment e = decoded[index];
        if (e == null) decoded[index] = e = decode(index);
        return e;
    }

    private Enrichment decode(int index) {
        int at = valuesOff + buf.getInt(offsetsOff + index * 4);
        ByteBuffer b = buf.duplicate().position(at);
        int present = b.get() & 0xff;
        String cc = (present & 1) != 0 ? string(b) : null;
        String country = (present & 2) != 0 ? string(b) : null;
        String city = (present & 4) != 0 ? string(b) : null;
        String region = (present & 8) != 0 ? string(b) : null;
        Double lat = (present & 16) != 0 ? b.getDouble() : null;
        Double lon = (present & 32) != 0 ? b.getDouble() : null;
        Long asn = (present & 64) != 0 ? b.getLong() : null;
        String org = (present & 128) != 0 ? string(b) : null;
        return new Enrichment(new GeoLocation(cc, country, city, region, lat, lon), new AutonomousSystem(asn, org), null, null, null);
    }

    private static String string(ByteBuffer b) {
        int len = b.getShort() & 0xffff;
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** The bytes {@link #decode} reads back as {@code e} (only the parts a MaxMind DB record maps to). */
    static byte[] encode(Enrichment e) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        int present = (e.countryCode() != null ? 1 : 0) | (e.countryName() != null ? 2 : 0) | (e.city() != null ? 4 : 0)
                | (e.region() != null ? 8 : 0) | (e.latitude() != null ? 16 : 0) | (e.longitude() != null ? 32 : 0)
                | (e.asn() != null ? 64 : 0) | (e.asOrg() != null ? 128 : 0);
        try {
            out.writeByte(present);
            for (String s : new String[] {e.countryCode(), e.countryName(), e.city(), e.region()}) if (s != null) utf8(out, s);
            if (e.latitude() != null) out.writeDouble(e.latitude());
            if (e.longitude() != null) out.writeDouble(e.longitude());
            if (e.asn() != null) out.writeLong(e.asn());
            if (e.asOrg() != null) utf8(out, e.asOrg());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void utf8(java.io.DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) throw new GeoDataException("a text of " + b.length + " bytes is too long for a range table");
        out.writeShort(b.length);
        out.write(b);
    }

    @Override
    public void close() { source.close(); }
}
