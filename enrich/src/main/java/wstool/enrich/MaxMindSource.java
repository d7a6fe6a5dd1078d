package wstool.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.model.IspResponse;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Location;
import com.maxmind.geoip2.record.Subdivision;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;

/** A GeoIP2 / GeoLite2 City, Country, ASN or ISP database read through MaxMind's {@link DatabaseReader}. */
public final class MaxMindSource implements GeoSource {
    enum Kind { CITY, COUNTRY, ASN, ISP }

    /** Decoded records kept by offset: many networks share one record (a city), so decoding is mostly skipped. */
    private static final int RECORD_CACHE = 1 << 16;

    private final DatabaseReader reader;
    private final Kind kind;
    private final String name;
    private final boolean ipv6;

    private MaxMindSource(DatabaseReader reader, String origin) {
        this.reader = reader;
        Metadata m = reader.getMetadata();
        String type = m.databaseType();
        this.kind = kindOf(type, origin);
        this.name = type.toLowerCase(Locale.ROOT);
        this.ipv6 = m.ipVersion() == 6;
    }

    /** Opens a file, memory-mapped. */
    public static MaxMindSource open(Path file) {
        try {
            return new MaxMindSource(new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache(RECORD_CACHE)).build(), file.toString());
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(file + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a whole database from a stream into memory (used for the embedded default on the classpath). */
    public static MaxMindSource read(InputStream in, String origin) {
        try {
            return new MaxMindSource(new DatabaseReader.Builder(in).withCache(new CHMCache(RECORD_CACHE)).build(), origin);
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(origin + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
    }

    private static Kind kindOf(String type, String origin) {
        if (type.contains("ASN")) return Kind.ASN;
        if (type.contains("ISP")) return Kind.ISP;
        if (type.contains("City") || type.contains("Enterprise")) return Kind.CITY;
        if (type.contains("Country")) return Kind.COUNTRY;
        throw new GeoDataException(origin + ": database type '" + type + "' is not City, Country, ASN or ISP");
    }

    @Override public String name() { return name; }

    @Override public boolean coversIpv6() { return ipv6; }

    public Instant buildTime() { return reader.getMetadata().buildTime(); }

    public String databaseType() { return reader.getMetadata().databaseType(); }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address instanceof Inet6Address && !ipv6) return Enrichment.NONE;
        try {
            switch (kind) {
                case CITY: return reader.tryCity(address).map(MaxMindSource::fromCity).orElse(Enrichment.NONE);
                case COUNTRY: return reader.tryCountry(address).map(MaxMindSource::fromCountry).orElse(Enrichment.NONE);
                case ASN: return reader.tryAsn(address).map(MaxMindSource::fromAsn).orElse(Enrichment.NONE);
                default: return reader.tryIsp(address).map(MaxMindSource::fromIsp).orElse(Enrichment.NONE);
            }
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            throw new GeoDataException(name + ": lookup of " + address.getHostAddress() + " failed: " + e.getMessage(), e);
        }
    }

    static Enrichment fromCity(CityResponse r) {
        Country c = country(r.country(), r.registeredCountry());
        Location l = r.location();
        Subdivision s = r.subdivisions() == null || r.subdivisions().isEmpty() ? null : r.subdivisions().get(0);
        return Enrichment.of(new GeoLocation(c == null ? null : c.isoCode(), c == null ? null : c.getName(),
                r.city() == null ? null : r.city().getName(), s == null ? null : s.getName(),
                l == null ? null : l.latitude(), l == null ? null : l.longitude()));
    }

    static Enrichment fromCountry(CountryResponse r) {
        Country c = country(r.country(), r.registeredCountry());
        if (c == null) return Enrichment.NONE;
        return Enrichment.of(GeoLocation.country(c.isoCode(), c.getName()));
    }

    static Enrichment fromAsn(AsnResponse r) {
        return Enrichment.of(new AutonomousSystem(r.autonomousSystemNumber(), r.autonomousSystemOrganization()));
    }

    static Enrichment fromIsp(IspResponse r) {
        return Enrichment.of(new AutonomousSystem(r.autonomousSystemNumber(), r.autonomousSystemOrganization()));
    }

    /** The location country, or the registered country where the location is unknown (anycast, satellite). */
    private static Country country(Country located, Country registered) {
        if (located != null && located.isoCode() != null) return located;
        if (registered != null && registered.isoCode() != null) return registered;
        return null;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing a read-only mapping cannot lose data
        }
    }
}
