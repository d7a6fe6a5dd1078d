package wstool.enrich;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;

/**
 * Maps a MaxMind DB record, decoded generically as a map, to an {@link Enrichment} by the keys it has, so any of the
 * common schemas works whatever the file's {@code database_type}:
 * <ul>
 * <li>GeoIP2 / GeoLite2 City and Country (and DB-IP's GeoIP2-compatible editions): {@code country} /
 *     {@code registered_country} maps ({@code iso_code}, {@code names.en}), {@code city.names.en},
 *     {@code subdivisions[0].names.en}, {@code location.latitude/longitude}; the registered country stands in where
 *     the located one is unknown (anycast, satellite), as GeoIP2's readers do.</li>
 * <li>flat records (DB-IP Lite {@code .mmdb}, ip-location-db, IPinfo Lite): {@code country_code}, {@code country}
 *     (a name), {@code city}, {@code state1} / {@code region}, {@code latitude}, {@code longitude}.</li>
 * <li>AS: {@code autonomous_system_number} / {@code autonomous_system_organization} (GeoIP2 ASN and ISP, DB-IP ASN,
 *     ip-location-db ASN), or IPinfo's {@code asn} ("AS15169") / {@code as_name}.</li>
 * </ul>
 */
public final class MmdbSchema {
    /** What a database can tell, judged from its records' keys. */
    public enum Part { GEO, AS }

    private static final Set<String> GEO_KEYS = Set.of("country", "registered_country", "city", "location",
            "subdivisions", "country_code", "latitude", "longitude", "state1", "region");
    private static final Set<String> AS_KEYS = Set.of("autonomous_system_number", "autonomous_system_organization",
            "asn", "as_name");

    private MmdbSchema() {}

    /*
     * Lean typed forms of the GeoIP2 layout holding only what Enrichment needs: the reader skips every other key,
     * so the names in seven other languages are never decoded (decoding the whole record as maps takes ~5x longer).
     */
    public record Names(String en) {
        @MaxMindDbConstructor
        public Names(@MaxMindDbParameter(name = "en") String en) { this.en = en; }
    }

    public record Place(String isoCode, Names names) {
        @MaxMindDbConstructor
        public Place(@MaxMindDbParameter(name = "iso_code") String isoCode, @MaxMindDbParameter(name = "names") Names names) {
            this.isoCode = isoCode;
            this.names = names;
        }

        String en() { return names == null ? null : names.en(); }
    }

    public record Location(Double latitude, Double longitude) {
        @MaxMindDbConstructor
        public Location(@MaxMindDbParameter(name = "latitude") Double latitude,
                        @MaxMindDbParameter(name = "longitude") Double longitude) {
            this.latitude = latitude;
            this.longitude = longitude;
        }
    }

    public record Nested(Place country, Place registeredCountry, Place city, List<Place> subdivisions, Location location,
                         Long asn, String asOrg) {
        @MaxMindDbConstructor
        public Nested(@MaxMindDbParameter(name = "country") Place country,
                      @MaxMindDbParameter(name = "registered_country") Place registeredCountry,
                      @MaxMindDbParameter(name = "city") Place city,
                      @MaxMindDbParameter(name = "subdivisions") List<Place> subdivisions,
                      @MaxMindDbParameter(name = "location") Location location,
                      @MaxMindDbParameter(name = "autonomous_system_number") Long asn,
                      @MaxMindDbParameter(name = "autonomous_system_organization") String asOrg) {
            this.country = country;
            this.registeredCountry = registeredCountry;
            this.city = city;
            this.subdivisions = subdivisions;
            this.location = location;
            this.asn = asn;
            this.asOrg = asOrg;
        }

        Enrichment toEnrichment() {
            Place c = country != null && country.isoCode() != null ? country
                    : registeredCountry != null && registeredCountry.isoCode() != null ? registeredCountry : null;
            Place sub = subdivisions == null || subdivisions.isEmpty() ? null : subdivisions.get(0);
            return new Enrichment(new GeoLocation(c == null ? null : c.isoCode(), c == null ? null : c.en(),
                    city == null ? null : city.en(), sub == null ? null : sub.en(),
                    location == null ? null : location.latitude(), location == null ? null : location.longitude()),
                    new AutonomousSystem(asn, asOrg), null, null, null);
        }
    }

    /** Whether a record is in the GeoIP2 layout (location parts as maps) rather than flat. */
    static boolean nested(Map<String, ?> r) {
        return r.get("country") instanceof Map || r.get("registered_country") instanceof Map || r.get("city") instanceof Map
                || r.get("location") instanceof Map;
    }

    /** The answer of {@code r} for {@code a}, decoded the lean way for the GeoIP2 layout, as a map otherwise. */
    @SuppressWarnings("unchecked")
    static Enrichment read(Reader r, InetAddress a, boolean nested) throws IOException {
        if (nested) {
            Nested n = r.get(a, Nested.class);
            return n == null ? Enrichment.NONE : n.toEnrichment();
        }
        Map<String, ?> m = r.get(a, Map.class);
        return m == null ? Enrichment.NONE : map(m);
    }

    /** The parts a record's keys carry; empty when none is known. */
    public static Set<Part> parts(Map<String, ?> record) {
        Set<Part> out = new java.util.TreeSet<>();
        for (String k : record.keySet()) {
            if (GEO_KEYS.contains(k)) out.add(Part.GEO);
            if (AS_KEYS.contains(k)) out.add(Part.AS);
        }
        return out;
    }

    /** The error for a database none of whose sampled records has a known key. */
    static GeoDataException unknown(String origin, String databaseType, Set<String> keys) {
        return new GeoDataException(origin + ": database type '" + databaseType + "' has records with keys "
                + new TreeSet<>(keys) + ", none of a schema ws_tool knows (GeoIP2/GeoLite2, DB-IP, ip-location-db, IPinfo)");
    }

    /** A record decoded as a map (the flat schemas; the GeoIP2 layout too, as the lean form's reference). */
    public static Enrichment map(Map<String, ?> r) {
        return new Enrichment(geo(r), as(r), null, null, null);
    }

    private static GeoLocation geo(Map<String, ?> r) {
        if (nested(r)) {
            Map<?, ?> c = located(map(r.get("country")), map(r.get("registered_country")));
            Map<?, ?> loc = map(r.get("location"));
            Map<?, ?> sub = r.get("subdivisions") instanceof List<?> l && !l.isEmpty() ? map(l.get(0)) : null;
            return new GeoLocation(c == null ? null : text(c.get("iso_code")), c == null ? null : en(c),
                    en(map(r.get("city"))), en(sub), loc == null ? null : number(loc.get("latitude")),
                    loc == null ? null : number(loc.get("longitude")));
        }
        String cc = text(r.get("country_code"));
        String region = text(r.get("state1"));
        return new GeoLocation(cc == null ? null : cc.toUpperCase(Locale.ROOT), text(r.get("country")),
                text(r.get("city")), region != null ? region : text(r.get("region")),
                number(r.get("latitude")), number(r.get("longitude")));
    }

    private static AutonomousSystem as(Map<String, ?> r) {
        Object n = r.get("autonomous_system_number");
        if (n instanceof Number num) return new AutonomousSystem(num.longValue(), text(r.get("autonomous_system_organization")));
        String org = text(r.get("autonomous_system_organization"));
        String ipinfo = text(r.get("asn"));
        Long asn = null;
        if (ipinfo != null && ipinfo.regionMatches(true, 0, "AS", 0, 2)) {
            try {
                asn = Long.parseLong(ipinfo.substring(2));
            } catch (NumberFormatException ignored) {
                // not a number after "AS": no ASN
            }
        } else if (r.get("asn") instanceof Number num) {
            asn = num.longValue();
        }
        return new AutonomousSystem(asn, org != null ? org : text(r.get("as_name")));
    }

    /** The located country when its code is known, else the registered one, else null. */
    private static Map<?, ?> located(Map<?, ?> country, Map<?, ?> registered) {
        if (country != null && country.get("iso_code") != null) return country;
        if (registered != null && registered.get("iso_code") != null) return registered;
        return null;
    }

    private static String en(Map<?, ?> named) {
        return named == null ? null : text(map(named.get("names")) == null ? null : map(named.get("names")).get("en"));
    }

    private static Map<?, ?> map(Object o) { return o instanceof Map<?, ?> m ? m : null; }

    private static String text(Object o) { return o instanceof String s ? s : null; }

    private static Double number(Object o) { return o instanceof Number n ? n.doubleValue() : null; }
}
