package wstool.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;
import wstool.core.net.Addresses;

/**
 * Tor's {@code geoip} (IPv4: {@code FROM,TO,CC} as decimal integers) and {@code geoip6} (IPv6: {@code FROM,TO,CC} as
 * address literals) range files, held as sorted range arrays and searched by bisection. One instance holds either
 * family or both ({@link #open(Path...)}).
 */
final class TorGeoIp implements GeoSource {
    private long[] v4From = new long[0];
    private long[] v4To = new long[0];
    private String[] v4Cc = new String[0];
    private BigInteger[] v6From = new BigInteger[0];
    private BigInteger[] v6To = new BigInteger[0];
    private String[] v6Cc = new String[0];

    private record Range<T extends Comparable<T>>(T from, T to, String cc) {}

    public static TorGeoIp open(Path... files) {
        TorGeoIp t = new TorGeoIp();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                t.add(f.toString(), r);
            } catch (IOException e) {
                throw new GeoDataException(f + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return t;
    }

    private void add(String name, BufferedReader r) throws IOException {
        List<Range<Long>> v4 = new ArrayList<>();
        List<Range<BigInteger>> v6 = new ArrayList<>();
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split(",");
            if (f.length != 3 || f[2].strip().length() != 2) {
                throw new GeoDataException(name + ": line " + no + " is not FROM,TO,CC");
            }
            String cc = f[2].strip().toUpperCase(Locale.ROOT);
            try {
                if (f[0].contains(":")) {
                    BigInteger from = new BigInteger(1, Addresses.parse(f[0]).getAddress());
                    BigInteger to = new BigInteger(1, Addresses.parse(f[1]).getAddress());
                    if (from.compareTo(to) > 0) throw new IllegalArgumentException("FROM after TO");
                    v6.add(new Range<>(from, to, cc));
                } else {
                    long from = Long.parseLong(f[0].strip());
                    long to = Long.parseLong(f[1].strip());
                    if (from < 0 || to > 0xffffffffL || from > to) throw new IllegalArgumentException("range out of order or bounds");
                    v4.add(new Range<>(from, to, cc));
                }
            } catch (IllegalArgumentException e) {
                throw new GeoDataException(name + ": line " + no + ": " + e.getMessage());
            }
        }
        if (!v4.isEmpty()) {
            v4.sort((a, b) -> a.from().compareTo(b.from()));
            v4From = v4.stream().mapToLong(Range::from).toArray();
            v4To = v4.stream().mapToLong(Range::to).toArray();
            v4Cc = v4.stream().map(Range::cc).toArray(String[]::new);
        }
        if (!v6.isEmpty()) {
            v6.sort((a, b) -> a.from().compareTo(b.from()));
            v6From = v6.stream().map(Range::from).toArray(BigInteger[]::new);
            v6To = v6.stream().map(Range::to).toArray(BigInteger[]::new);
            v6Cc = v6.stream().map(Range::cc).toArray(String[]::new);
        }
    }

    @Override public String name() { return "tor-geoip"; }

    @Override public boolean coversIpv6() { return v6From.length > 0; }

    public int rangeCount() { return v4From.length + v6From.length; }

    @Override
    public Enrichment lookup(InetAddress address) {
        String cc;
        if (address instanceof Inet4Address) {
            long v = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(address.getAddress()).getInt());
            int i = Arrays.binarySearch(v4From, v);
            if (i < 0) i = -i - 2;
            cc = i >= 0 && v <= v4To[i] ? v4Cc[i] : null;
        } else {
            BigInteger v = new BigInteger(1, address.getAddress());
            int i = Arrays.binarySearch(v6From, v);
            if (i < 0) i = -i - 2;
            cc = i >= 0 && v.compareTo(v6To[i]) <= 0 ? v6Cc[i] : null;
        }
        if (cc == null || cc.equals("??")) return Enrichment.NONE;
        return Enrichment.of(GeoLocation.country(cc, null));
    }
}
