package wstool.enrich;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;
import wstool.core.model.IpFireFlags;

/**
 * Reader for IPFire's {@code location.db} (libloc database format version 1), written from the public format
 * description (libloc's {@code format.h}). Big-endian; after the 8-byte magic {@code "LOCDBXX"} + version 1 comes a
 * header of section offsets/lengths (AS list, networks, network tree, countries, string pool) and two signatures.
 * The network tree is a binary trie over 128-bit addresses (IPv4 as {@code ::ffff:a.b.c.d}); each node is
 * {@code zero, one, network} (child index 0 = none, network 0xffffffff = none) and the deepest node on the path that
 * carries a network answers. Networks are 12 bytes: country code (2), padding (2), ASN (4), flags (2: anonymous proxy
 * 1, satellite 2, anycast 4, DROP 8), padding (2). Every index is bounds-checked: a damaged file fails naming the
 * byte offset, never loops (the walk is at most 128 steps).
 */
public final class LocationDb implements GeoSource {
    public static final int FLAG_ANONYMOUS_PROXY = 1;
    public static final int FLAG_SATELLITE = 2;
    public static final int FLAG_ANYCAST = 4;
    public static final int FLAG_DROP = 8;

    static final int HEADER_END = 8 + 8 + 4 * 3 + 8 * 5 + 4 + 2048 * 2 + 32; // 4200
    private static final int NODE = 12;
    private static final int NETWORK = 12;
    private static final int AS = 8;
    private static final int COUNTRY = 8;
    private static final int NONE = 0xffffffff;

    /** One network record with its prefix length (IPv4 prefixes counted as IPv4). */
    public record Network(String countryCode, long asn, int flags, int prefixLength) {}

    private final String name;
    private final ByteBuffer buf;
    private final Instant createdAt;
    private final int vendor;
    private final int asOff;
    private final int asCount;
    private final int netOff;
    private final int netCount;
    private final int treeOff;
    private final int nodeCount;
    private final int countryOff;
    private final int countryCount;
    private final int poolOff;
    private final int poolLen;

    private LocationDb(String name, ByteBuffer buf) {
        this.name = name;
        this.buf = buf.order(ByteOrder.BIG_ENDIAN);
        if (buf.capacity() < HEADER_END) throw GeoDataException.at(name, buf.capacity(), "file ends inside the header");
        byte[] magic = new byte[7];
        buf.get(0, magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("LOCDBXX")) {
            throw GeoDataException.at(name, 0, "not a libloc location database (magic bytes are not LOCDBXX)");
        }
        int version = buf.get(7) & 0xff;
        if (version != 1) throw GeoDataException.at(name, 7, "unsupported libloc database version " + version);
        long created = buf.getLong(8);
        this.createdAt = created >= 0 && created < 32_503_680_000L ? Instant.ofEpochSecond(created) : null;
        this.vendor = buf.getInt(16);
        this.asOff = section(28, AS);
        this.asCount = buf.getInt(32) / AS;
        this.netOff = section(36, NETWORK);
        this.netCount = buf.getInt(40) / NETWORK;
        this.treeOff = section(44, NODE);
        this.nodeCount = buf.getInt(48) / NODE;
        this.countryOff = section(52, COUNTRY);
        this.countryCount = buf.getInt(56) / COUNTRY;
        this.poolOff = section(60, 1);
        this.poolLen = buf.getInt(64);
        if (nodeCount == 0) throw GeoDataException.at(name, 48, "network tree is empty");
        if (buf.getShort(68) > 2048 || buf.getShort(70) > 2048 || buf.getShort(68) < 0 || buf.getShort(70) < 0) {
            throw GeoDataException.at(name, 68, "signature length exceeds 2048");
        }
    }

    /** Checks that the section whose offset is at {@code at} (length after it) lies inside the file. */
    private int section(int at, int unit) {
        long off = Integer.toUnsignedLong(buf.getInt(at));
        long len = Integer.toUnsignedLong(buf.getInt(at + 4));
        if (off + len > buf.capacity() || (len > 0 && off < HEADER_END)) {
            throw GeoDataException.at(name, at, "section " + off + "+" + len + " lies outside the file of "
                    + buf.capacity() + " bytes");
        }
        if (len % unit != 0) throw GeoDataException.at(name, at + 4, "section length " + len + " is not a multiple of " + unit);
        return (int) off;
    }

    public static LocationDb open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) throw new GeoDataException(file + ": larger than 2 GiB, not a location.db");
            return new LocationDb(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        } catch (IOException e) {
            throw new GeoDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a database held in memory ({@code name} is used in error messages). */
    public static LocationDb read(String name, byte[] data) { return new LocationDb(name, ByteBuffer.wrap(data)); }

    @Override public String name() { return "ipfire"; }

    @Override public boolean coversIpv6() { return true; }

    public Instant createdAt() { return createdAt; }

    public String vendor() { return string(vendor); }

    public int networkCount() { return netCount; }

    /** The network record that answers for an address, or null. */
    public Network network(InetAddress address) {
        byte[] a = address.getAddress();
        boolean v4 = address instanceof Inet4Address;
        if (v4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(a, 0, m, 12, 4);
            a = m;
        }
        int node = 0;
        int best = NONE;
        int bestDepth = 0;
        for (int depth = 0; ; depth++) {
            int at = treeOff + node * NODE;
            int net = buf.getInt(at + 8);
            if (net != NONE) {
                best = net;
                bestDepth = depth;
            }
            if (depth == 128) break;
            int bit = (a[depth >> 3] >> (7 - (depth & 7))) & 1;
            int child = buf.getInt(at + bit * 4);
            if (child == 0) break;
            if (child < 0 || child >= nodeCount) {
                throw GeoDataException.at(name, at + bit * 4L, "tree node points to node " + Integer.toUnsignedString(child)
                        + " of " + nodeCount);
            }
            node = child;
        }
        if (best == NONE) return null;
        if (best < 0 || best >= netCount) {
            throw GeoDataException.at(name, treeOff, "tree points to network " + Integer.toUnsignedString(best) + " of " + netCount);
        }
        if (v4 && bestDepth < 96) return null; // a network wider than ::ffff:0:0/96 is an IPv6 network
        int at = netOff + best * NETWORK;
        String cc = ascii(at, 2);
        long asn = Integer.toUnsignedLong(buf.getInt(at + 4));
        int flags = buf.getShort(at + 8) & 0xffff;
        return new Network(cc, asn, flags, v4 ? bestDepth - 96 : bestDepth);
    }

    @Override
    public Enrichment lookup(InetAddress address) {
        Network n = network(address);
        if (n == null) return Enrichment.NONE;
        String cc = n.countryCode();
        Long asn = n.asn() == 0 ? null : n.asn();
        int f = n.flags();
        boolean drop = (f & FLAG_DROP) != 0;
        return new Enrichment(cc == null ? null : GeoLocation.country(cc, countryName(cc)),
                asn == null ? null : new AutonomousSystem(asn, asName(n.asn())),
                drop ? new DropListing("DROP (IPFire)") : null, null,
                new IpFireFlags((f & FLAG_ANONYMOUS_PROXY) != 0, (f & FLAG_SATELLITE) != 0, (f & FLAG_ANYCAST) != 0, drop));
    }

    /** Binary search of the AS section (sorted by number), or null. */
    public String asName(long asn) {
        int lo = 0;
        int hi = asCount - 1;
        for (int steps = 0; lo <= hi && steps < 64; steps++) {
            int mid = (lo + hi) >>> 1;
            long n = Integer.toUnsignedLong(buf.getInt(asOff + mid * AS));
            if (n == asn) return string(buf.getInt(asOff + mid * AS + 4));
            if (n < asn) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    /** Binary search of the country section (sorted by code), or null. */
    public String countryName(String code) {
        int lo = 0;
        int hi = countryCount - 1;
        for (int steps = 0; lo <= hi && steps < 64; steps++) {
            int mid = (lo + hi) >>> 1;
            int c = ascii(countryOff + mid * COUNTRY, 2).compareTo(code);
            if (c == 0) return string(buf.getInt(countryOff + mid * COUNTRY + 4));
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    private String ascii(int at, int len) {
        byte[] b = new byte[len];
        buf.get(at, b);
        if (b[0] == 0) return null;
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A NUL-terminated string of the pool; bounded by the pool's end. */
    private String string(int offset) {
        if (offset < 0 || offset >= poolLen) throw GeoDataException.at(name, poolOff, "string offset " + offset + " outside the pool");
        int start = poolOff + offset;
        int end = start;
        int limit = poolOff + poolLen;
        while (end < limit && buf.get(end) != 0) end++;
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
