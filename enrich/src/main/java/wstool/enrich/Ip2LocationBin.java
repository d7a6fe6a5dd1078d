package wstool.enrich;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;

/**
 * Reader for IP2Location LITE {@code .BIN} files, DB1 (country) to DB11 (country, region, city, lat/lon, ISP, ...),
 * written from the public format description. Little-endian header: DB type, column count, year/month/day, IPv4 row
 * count and 1-based base offset, IPv6 row count and base, IPv4 and IPv6 index bases. Rows are sorted by their
 * first column IP_FROM (32-bit for IPv4, 128-bit for IPv6) followed by one 32-bit column per field: string fields hold
 * a file offset of a length-prefixed string (country: short code there, long name 3 bytes later), latitude and
 * longitude hold a float. The optional index has 65,536 entries of (first row, last row) per top 16 address bits.
 * Every offset is bounds-checked; bisection is at most 64 steps.
 */
final class Ip2LocationBin implements GeoSource {
    private static final int[] REGION = {0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3};
    private static final int[] CITY = {0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    private static final int[] ISP = {0, 0, 3, 0, 5, 0, 7, 5, 7, 0, 8, 0};
    private static final int[] LATITUDE = {0, 0, 0, 0, 0, 5, 5, 0, 5, 5, 5, 5};
    private static final int[] LONGITUDE = {0, 0, 0, 0, 0, 6, 6, 0, 6, 6, 6, 6};

    private final String name;
    private final ByteBuffer buf;
    private final int type;
    private final int columns;
    private final LocalDate date;
    private final long v4Count;
    private final long v4Base;
    private final long v6Count;
    private final long v6Base;
    private final long v4Index;
    private final long v6Index;

    private Ip2LocationBin(String name, ByteBuffer buf) {
        this.name = name;
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.capacity() < 64) throw GeoDataException.at(name, buf.capacity(), "file ends inside the header");
        type = buf.get(0) & 0xff;
        columns = buf.get(1) & 0xff;
        if (type < 1 || type > 11) throw GeoDataException.at(name, 0, "database type DB" + type + " is not DB1-DB11");
        if (columns < 2 || columns > 32) throw GeoDataException.at(name, 1, "column count " + columns + " is implausible");
        int need = Math.max(Math.max(LATITUDE[type], LONGITUDE[type]), Math.max(ISP[type], CITY[type]));
        if (columns < Math.max(2, need)) throw GeoDataException.at(name, 1, "DB" + type + " needs " + need + " columns, file has " + columns);
        LocalDate d;
        try {
            d = LocalDate.of(2000 + (buf.get(2) & 0xff), buf.get(3) & 0xff, buf.get(4) & 0xff);
        } catch (java.time.DateTimeException e) {
            d = null;
        }
        date = d;
        v4Count = u32(5);
        v4Base = u32(9);
        v6Count = u32(13);
        v6Base = u32(17);
        v4Index = u32(21);
        v6Index = u32(25);
        checkRows(9, v4Base, v4Count, 4);
        checkRows(17, v6Base, v6Count, 16);
        checkIndex(21, v4Index);
        checkIndex(25, v6Index);
    }

    private long u32(int at) { return Integer.toUnsignedLong(buf.getInt(at)); }

    private void checkRows(int at, long base, long count, int ipBytes) {
        if (count == 0) return;
        long end = base - 1 + (count + 1) * rowSize(ipBytes);
        if (base < 1 || end > buf.capacity()) {
            throw GeoDataException.at(name, at, count + " rows from offset " + base + " run past the end of the file");
        }
    }

    private void checkIndex(int at, long base) {
        if (base != 0 && (base < 1 || base - 1 + 65536L * 8 > buf.capacity())) {
            throw GeoDataException.at(name, at, "index at " + base + " runs past the end of the file");
        }
    }

    private long rowSize(int ipBytes) { return ipBytes + (columns - 1) * 4L; }

    public static Ip2LocationBin open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) throw new GeoDataException(file + ": larger than 2 GiB");
            return new Ip2LocationBin(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        } catch (IOException e) {
            throw new GeoDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    public static Ip2LocationBin read(String name, byte[] data) { return new Ip2LocationBin(name, ByteBuffer.wrap(data)); }

    @Override public String name() { return "ip2location-db" + type; }

    @Override public boolean coversIpv6() { return v6Count > 0; }

    public LocalDate date() { return date; }

    @Override
    public Enrichment lookup(InetAddress address) {
        boolean v4 = address instanceof Inet4Address;
        BigInteger ip = new BigInteger(1, address.getAddress());
        int ipBytes = v4 ? 4 : 16;
        long count = v4 ? v4Count : v6Count;
        long base = (v4 ? v4Base : v6Base) - 1;
        if (count == 0) return Enrichment.NONE;
        long lo = 0;
        long hi = count;
        long index = v4 ? v4Index : v6Index;
        if (index != 0) {
            int top = ip.shiftRight(ipBytes * 8 - 16).intValue();
            long at = index - 1 + top * 8L;
            lo = u32((int) at);
            hi = u32((int) at + 4);
            if (lo > hi || hi > count) throw GeoDataException.at(name, at, "index entry " + lo + ".." + hi + " is outside 0.." + count);
        }
        long rs = rowSize(ipBytes);
        for (int steps = 0; lo <= hi && steps < 70; steps++) {
            long mid = (lo + hi) >>> 1;
            if (mid >= count) break;
            long row = base + mid * rs;
            BigInteger from = readIp(row, ipBytes);
            BigInteger to = readIp(row + rs, ipBytes);
            if (ip.compareTo(from) >= 0 && ip.compareTo(to) < 0) return record(row + ipBytes);
            if (ip.compareTo(from) < 0) hi = mid - 1;
            else lo = mid + 1;
        }
        return Enrichment.NONE;
    }

    private BigInteger readIp(long at, int ipBytes) {
        byte[] b = new byte[ipBytes];
        buf.get((int) at, b);
        for (int i = 0; i < ipBytes / 2; i++) { // little-endian on disk
            byte t = b[i];
            b[i] = b[ipBytes - 1 - i];
            b[ipBytes - 1 - i] = t;
        }
        return new BigInteger(1, b);
    }

    /** The fields of the row whose columns (after IP_FROM) start at {@code at}; column n is at at + (n-2)*4. */
    private Enrichment record(long at) {
        long countryPtr = u32((int) at);
        String cc = string(countryPtr);
        if ("-".equals(cc) || cc.isEmpty()) return Enrichment.NONE;
        String country = string(countryPtr + 3);
        String region = REGION[type] == 0 ? null : string(u32(col(at, REGION[type])));
        String city = CITY[type] == 0 ? null : string(u32(col(at, CITY[type])));
        String isp = ISP[type] == 0 ? null : string(u32(col(at, ISP[type])));
        Double lat = LATITUDE[type] == 0 ? null : (double) buf.getFloat(col(at, LATITUDE[type]));
        Double lon = LONGITUDE[type] == 0 ? null : (double) buf.getFloat(col(at, LONGITUDE[type]));
        return new Enrichment(new GeoLocation(cc, country, dash(city), dash(region), lat, lon),
                new AutonomousSystem(null, dash(isp)), null, null, null);
    }

    private static int col(long at, int column) { return (int) (at + (column - 2) * 4L); }

    private static String dash(String s) { return s == null || s.equals("-") ? null : s; }

    private String string(long at) {
        if (at >= buf.capacity()) throw GeoDataException.at(name, at, "string pointer past the end of the file");
        int len = buf.get((int) at) & 0xff;
        if (at + 1 + len > buf.capacity()) throw GeoDataException.at(name, at, "string of " + len + " bytes runs past the end");
        byte[] b = new byte[len];
        buf.get((int) at + 1, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
