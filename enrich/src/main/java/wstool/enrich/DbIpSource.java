package wstool.enrich;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;

/**
 * A DB-IP lite {@code .mmdb} with flat records ({@code country_code}, {@code city}, {@code state1},
 * {@code latitude}/{@code longitude} as float; the ASN edition {@code autonomous_system_number} /
 * {@code autonomous_system_organization}), read with {@link Reader} into {@link DbIpRecord}.
 * DB-IP ships separate IPv4 and IPv6 files: an IPv6 lookup in an IPv4-only file answers nothing.
 */
public final class DbIpSource implements GeoSource {
    /** One DB-IP record; every field may be absent. */
    public record DbIpRecord(String countryCode, String city, String state1, Float latitude, Float longitude,
                             Long asn, String asOrg) {
        @MaxMindDbConstructor
        public DbIpRecord(@MaxMindDbParameter(name = "country_code") String countryCode,
                          @MaxMindDbParameter(name = "city") String city,
                          @MaxMindDbParameter(name = "state1") String state1,
                          @MaxMindDbParameter(name = "latitude") Float latitude,
                          @MaxMindDbParameter(name = "longitude") Float longitude,
                          @MaxMindDbParameter(name = "autonomous_system_number") Long asn,
                          @MaxMindDbParameter(name = "autonomous_system_organization") String asOrg) {
            this.countryCode = countryCode;
            this.city = city;
            this.state1 = state1;
            this.latitude = latitude;
            this.longitude = longitude;
            this.asn = asn;
            this.asOrg = asOrg;
        }

        Enrichment toEnrichment() {
            return new Enrichment(new GeoLocation(countryCode == null ? null : countryCode.toUpperCase(Locale.ROOT), null,
                    city, state1, latitude == null ? null : (double) latitude, longitude == null ? null : (double) longitude),
                    new AutonomousSystem(asn, asOrg), null, null, null);
        }
    }

    private final Reader reader;
    private final String name;
    private final boolean ipv6;

    private DbIpSource(Reader reader) {
        this.reader = reader;
        this.name = reader.getMetadata().databaseType().toLowerCase(Locale.ROOT);
        this.ipv6 = reader.getMetadata().ipVersion() == 6;
    }

    public static DbIpSource open(Path file) {
        try {
            return new DbIpSource(new Reader(file.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(file + ": not a readable DB-IP .mmdb file (" + e.getMessage() + ")", e);
        }
    }

    @Override public String name() { return name; }

    @Override public boolean coversIpv6() { return ipv6; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address instanceof Inet6Address && !ipv6) return Enrichment.NONE;
        try {
            DatabaseRecord<DbIpRecord> r = reader.getRecord(address, DbIpRecord.class);
            return r == null || r.data() == null ? Enrichment.NONE : r.data().toEnrichment();
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(name + ": lookup of " + address.getHostAddress() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
