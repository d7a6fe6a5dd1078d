package wstool.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;
import wstool.core.net.Addresses;

/**
 * The IPv4 part of a GeoIP2/GeoLite2 City or ASN database flattened at load time into a sorted range table
 * (range start -> index of a de-duplicated {@link Enrichment}), so an IPv4 lookup is one binary search over an int
 * array instead of a tree walk plus record decoding. IPv6 lookups go to the wrapped source. Memory: 8 bytes per
 * range plus a 256 KB /16 index plus the distinct answers (GeoLite2 City 2019: 2.4 M ranges, 161 k answers, ~36 MB);
 * building reads the whole database once (a few seconds), so it is meant for long runs and the benchmark, not for
 * one-shot lookups.
 */
public final class CompactTable implements GeoSource {
    /*
     * Lean decoded forms of the GeoIP2 City / ASN records holding only what Enrichment needs: decoding geoip2's full
     * CityResponse for ~3 M networks takes ~10x longer. Names are the "en" ones, as MaxMindSource reports them.
     */
    public record LeanNamed(String isoCode, Map<String, String> names) {
        @MaxMindDbConstructor
        public LeanNamed(@MaxMindDbParameter(name = "iso_code") String isoCode,
                         @MaxMindDbParameter(name = "names") Map<String, String> names) {
            this.isoCode = isoCode;
            this.names = names;
        }

        String en() { return names == null ? null : names.get("en"); }
    }

    public record LeanLocation(Double latitude, Double longitude) {
        @MaxMindDbConstructor
        public LeanLocation(@MaxMindDbParameter(name = "latitude") Double latitude,
                            @MaxMindDbParameter(name = "longitude") Double longitude) {
            this.latitude = latitude;
            this.longitude = longitude;
        }
    }

    public record LeanCity(LeanNamed country, LeanNamed registeredCountry, LeanNamed city,
                           List<LeanNamed> subdivisions, LeanLocation location) {
        @MaxMindDbConstructor
        public LeanCity(@MaxMindDbParameter(name = "country") LeanNamed country,
                        @MaxMindDbParameter(name = "registered_country") LeanNamed registeredCountry,
                        @MaxMindDbParameter(name = "city") LeanNamed city,
                        @MaxMindDbParameter(name = "subdivisions") List<LeanNamed> subdivisions,
                        @MaxMindDbParameter(name = "location") LeanLocation location) {
            this.country = country;
            this.registeredCountry = registeredCountry;
            this.city = city;
            this.subdivisions = subdivisions;
            this.location = location;
        }

        Enrichment toEnrichment() {
            LeanNamed c = country != null && country.isoCode() != null ? country
                    : registeredCountry != null && registeredCountry.isoCode() != null ? registeredCountry : null;
            LeanNamed sub = subdivisions == null || subdivisions.isEmpty() ? null : subdivisions.get(0);
            return Enrichment.of(new GeoLocation(c == null ? null : c.isoCode(), c == null ? null : c.en(),
                    city == null ? null : city.en(), sub == null ? null : sub.en(),
                    location == null ? null : location.latitude(), location == null ? null : location.longitude()));
        }
    }

    public record LeanAsn(Long number, String organization) {
        @MaxMindDbConstructor
        public LeanAsn(@MaxMindDbParameter(name = "autonomous_system_number") Long number,
                       @MaxMindDbParameter(name = "autonomous_system_organization") String organization) {
            this.number = number;
            this.organization = organization;
        }

        Enrichment toEnrichment() {
            return Enrichment.of(new AutonomousSystem(number, organization));
        }
    }

    private final GeoSource fallback;
    private final int[] starts;   // range starts with the sign bit flipped, so signed comparison orders them as unsigned
    private final int[] answer;   // index into values; -1 = nothing known
    private final Enrichment[] values;
    private final int[] slice;    // per top-16-bit prefix p: index of the range holding p.0.0 (65,537 entries)

    private CompactTable(GeoSource fallback, int[] starts, int[] answer, Enrichment[] values) {
        this.fallback = fallback;
        this.starts = starts;
        this.answer = answer;
        this.values = values;
        // the search for an address then covers only the ranges of its /16: a few cache lines instead of ~22 misses
        this.slice = new int[65537];
        int i = 0;
        for (int p = 0; p < 65536; p++) {
            int key = flip((long) p << 16);
            while (i + 1 < starts.length && starts[i + 1] <= key) i++;
            slice[p] = i;
        }
        slice[65536] = starts.length - 1;
    }

    /**
     * Builds the table from a stream of the same database that {@code fallback} reads (read into memory and released
     * afterwards).
     */
    public static CompactTable build(InputStream database, MaxMindSource fallback) {
        try (Reader r = new Reader(database, new CHMCache(1 << 18))) {
            return build(r, fallback);
        } catch (IOException | RuntimeException e) {
            throw failure(fallback, e);
        }
    }

    /** Builds the table from the file {@code fallback} reads, memory-mapped (no copy of the file on the heap). */
    public static CompactTable build(java.nio.file.Path database, MaxMindSource fallback) {
        try (Reader r = new Reader(database.toFile(), new CHMCache(1 << 18))) {
            return build(r, fallback);
        } catch (IOException | RuntimeException e) {
            throw failure(fallback, e);
        }
    }

    private static GeoDataException failure(MaxMindSource fallback, Exception e) {
        return e instanceof GeoDataException g ? g
                : new GeoDataException(fallback.name() + ": cannot build the range table (" + e.getMessage() + ")", e);
    }

    /**
     * Thrown when the building thread is interrupted (the job ended before the table was ready); the thread's
     * interrupt status stays set.
     */
    public static final class Cancelled extends GeoDataException {
        Cancelled(String name) { super(name + ": range table build cancelled"); }
    }

    private static CompactTable build(Reader r, MaxMindSource fallback) {
        boolean asn = fallback.databaseType().contains("ASN");
        try {
            Network all = new Network(Addresses.parse("0.0.0.0"), 0);
            Class<?> type = asn ? LeanAsn.class : LeanCity.class;
            Networks<?> it = r.networksWithin(all, false, type);
            int n = 0;
            int[] starts = new int[1 << 16];
            int[] answer = new int[1 << 16];
            Map<Enrichment, Integer> index = new HashMap<>();
            Map<Object, Integer> byRecord = new java.util.IdentityHashMap<>();
            List<Enrichment> values = new ArrayList<>();
            long nextFree = 0; // first address not yet covered
            while (it.hasNext()) {
                if ((n & 0xfff) == 0 && Thread.currentThread().isInterrupted()) throw new Cancelled(fallback.name());
                DatabaseRecord<?> rec = it.next();
                Network net = rec.network();
                if (!(net.networkAddress() instanceof Inet4Address)) continue;
                long start = Integer.toUnsignedLong(ByteBuffer.wrap(net.networkAddress().getAddress()).getInt());
                long end = start + (1L << (32 - net.prefixLength()));
                Object data = rec.data();
                Integer idx = byRecord.get(data); // the decoder cache hands out one object per stored record
                if (idx == null) {
                    Enrichment e = data instanceof LeanCity c ? c.toEnrichment()
                            : data instanceof LeanAsn a ? a.toEnrichment() : Enrichment.NONE;
                    idx = index.get(e);
                    if (idx == null) {
                        idx = values.size();
                        values.add(e);
                        index.put(e, idx);
                    }
                    byRecord.put(data, idx);
                }
                if (n + 2 >= starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    answer = Arrays.copyOf(answer, answer.length * 2);
                }
                if (start > nextFree || n == 0) { // a gap (or the space before the first network) knows nothing
                    starts[n] = flip(nextFree);
                    answer[n++] = -1;
                }
                if (n > 0 && answer[n - 1] == idx && start == nextFree) {
                    nextFree = end; // same answer as the adjacent range: extend it
                    continue;
                }
                starts[n] = flip(start);
                answer[n++] = idx;
                nextFree = end;
            }
            if (nextFree <= 0xffffffffL) {
                starts[n] = flip(nextFree);
                answer[n++] = -1;
            }
            return new CompactTable(fallback, Arrays.copyOf(starts, n), Arrays.copyOf(answer, n),
                    values.toArray(Enrichment[]::new));
        } catch (IOException | com.maxmind.db.InvalidNetworkException | RuntimeException e) {
            throw failure(fallback, e);
        }
    }

    private static int flip(long unsigned) { return (int) unsigned ^ Integer.MIN_VALUE; }

    @Override public String name() { return fallback.name(); }

    @Override public boolean coversIpv6() { return fallback.coversIpv6(); }

    public int ranges() { return starts.length; }

    public int distinctAnswers() { return values.length; }

    /** Approximate heap held by the table (arrays only; the distinct answers are counted at 120 bytes each). */
    public long approximateBytes() { return starts.length * 8L + slice.length * 4L + values.length * 120L; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (!(address instanceof Inet4Address)) return fallback.lookup(address);
        int ip = address.hashCode(); // Inet4Address.hashCode() is the address as a 32-bit int (JDK contract)
        int p = ip >>> 16;
        int from = slice[p];
        int i = Arrays.binarySearch(starts, from, slice[p + 1] + 1, ip ^ Integer.MIN_VALUE);
        if (i < 0) i = -i - 2;
        int a = i < from ? -1 : answer[i];
        return a < 0 ? Enrichment.NONE : values[a];
    }

    @Override
    public void close() { fallback.close(); }
}
