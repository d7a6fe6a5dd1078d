package wstool.enrich;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wstool.core.net.Addresses;

/**
 * Test-side writer of IP2Location BIN files of type DB1, DB3 (country, region, city) or DB5/DB11 (+ lat/lon), with
 * IPv4 and IPv6 sections and the 16-bit index. Rows are (from, to, country code, name, region, city, lat, lon);
 * gaps between rows are filled with "-" rows as IP2Location does.
 */
final class Ip2LocationWriter {
    record Row(String from, String cc, String country, String region, String city, float lat, float lon) {}

    private final int type;
    private final int columns;
    private final List<Row> v4 = new ArrayList<>();
    private final List<Row> v6 = new ArrayList<>();

    Ip2LocationWriter(int type) {
        this.type = type;
        this.columns = switch (type) {
            case 1 -> 2;
            case 3 -> 4;
            case 5 -> 6;
            case 11 -> 10;
            default -> throw new IllegalArgumentException("writer supports DB1, DB3, DB5, DB11");
        };
    }

    /** Rows must be added in address order; each runs up to the next row's start. */
    Ip2LocationWriter row(String from, String cc, String country, String region, String city, float lat, float lon) {
        Row r = new Row(from, cc, country, region, city, lat, lon);
        (from.contains(":") ? v6 : v4).add(r);
        return this;
    }

    byte[] build(boolean withIndex) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int rowSize4 = 4 + (columns - 1) * 4;
        int rowSize6 = 16 + (columns - 1) * 4;
        int header = 64;
        int v4Base = header;
        int v4Bytes = (v4.size() + 1) * rowSize4;
        int v6Base = v4Base + v4Bytes;
        int v6Bytes = v6.isEmpty() ? 0 : (v6.size() + 1) * rowSize6;
        int idx4 = v6Base + v6Bytes;
        int idx6 = idx4 + 65536 * 8;
        int stringsBase = withIndex ? idx6 + 65536 * 8 : idx4;
        ByteBuffer rows4 = rows(v4, 4, rowSize4, stringsBase, strings);
        ByteBuffer rows6 = rows(v6, 16, rowSize6, stringsBase, strings);
        ByteBuffer out = ByteBuffer.allocate(stringsBase + strings.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) type).put((byte) columns).put((byte) 24).put((byte) 3).put((byte) 1);
        out.putInt(v4.size()).putInt(v4Base + 1).putInt(v6.size()).putInt(v6.isEmpty() ? 0 : v6Base + 1);
        out.putInt(withIndex ? idx4 + 1 : 0).putInt(withIndex && !v6.isEmpty() ? idx6 + 1 : 0);
        out.position(v4Base);
        out.put(rows4.array());
        out.position(v6Base);
        out.put(rows6.array());
        if (withIndex) {
            index(out, idx4, v4, 4);
            if (!v6.isEmpty()) index(out, idx6, v6, 16);
        }
        out.position(stringsBase);
        out.put(strings.toByteArray());
        return out.array();
    }

    private ByteBuffer rows(List<Row> rows, int ipBytes, int rowSize, int stringsBase, ByteArrayOutputStream strings) {
        ByteBuffer b = ByteBuffer.allocate(rows.isEmpty() ? 0 : (rows.size() + 1) * rowSize).order(ByteOrder.LITTLE_ENDIAN);
        for (Row r : rows) {
            putIp(b, ip(r.from()), ipBytes);
            int countryPtr = stringsBase + strings.size();
            str(strings, r.cc());
            if (r.cc().length() < 2) strings.write(0); // the short code always takes 3 bytes; the name follows
            str(strings, r.country());
            b.putInt(countryPtr);
            if (columns >= 4) {
                b.putInt(stringsBase + strings.size());
                str(strings, r.region());
                b.putInt(stringsBase + strings.size());
                str(strings, r.city());
            }
            if (columns >= 6) b.putFloat(r.lat()).putFloat(r.lon());
            for (int c = 7; c <= columns; c++) b.putInt(stringsBase); // further DB11 columns: unused here
        }
        if (!rows.isEmpty()) {
            putIp(b, BigInteger.ONE.shiftLeft(ipBytes * 8).subtract(BigInteger.ONE), ipBytes); // sentinel row
            for (int c = 2; c <= columns; c++) b.putInt(0);
        }
        return b;
    }

    private static void index(ByteBuffer out, int at, List<Row> rows, int ipBytes) {
        for (int top = 0; top < 65536; top++) {
            int lo = 0;
            int hi = rows.size();
            BigInteger start = BigInteger.valueOf(top).shiftLeft(ipBytes * 8 - 16);
            BigInteger end = BigInteger.valueOf(top + 1).shiftLeft(ipBytes * 8 - 16);
            for (int i = 0; i < rows.size(); i++) {
                BigInteger from = ip(rows.get(i).from());
                BigInteger to = i + 1 < rows.size() ? ip(rows.get(i + 1).from()) : end.max(from.add(BigInteger.ONE));
                if (to.compareTo(start) <= 0) lo = i + 1;
                if (from.compareTo(end) >= 0) { hi = i; break; }
            }
            out.putInt(at + top * 8, Math.min(lo, rows.size()));
            out.putInt(at + top * 8 + 4, Math.max(Math.min(lo, rows.size()), hi));
        }
    }

    private static BigInteger ip(String s) { return new BigInteger(1, Addresses.parse(s).getAddress()); }

    private static void putIp(ByteBuffer b, BigInteger v, int ipBytes) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[ipBytes];
        for (int i = 0; i < ipBytes && i < be.length; i++) le[i] = be[be.length - 1 - i];
        b.put(le);
    }

    private static void str(ByteArrayOutputStream s, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        s.write(b.length);
        s.writeBytes(b);
    }
}
