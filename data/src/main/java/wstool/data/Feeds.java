package wstool.data;

import com.maxmind.db.Reader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import wstool.data.Feed.Alternative;
import wstool.data.Feed.Compression;
import wstool.enrich.LocationDb;
import wstool.enrich.SpamhausDrop;

/** The free data {@code update} fetches, and how each file is validated before it replaces the previous one. */
public final class Feeds {
    private Feeds() {}

    public static final String DBIP_CITY = "dbip-city-lite.mmdb";
    public static final String DBIP_ASN = "dbip-asn-lite.mmdb";
    public static final String LOCATION = "location.db";
    public static final String GEOLITE_CITY = "GeoLite2-City.mmdb";
    public static final String GEOLITE_ASN = "GeoLite2-ASN.mmdb";
    public static final List<String> DROP_FILES = List.of("drop_v4.json", "drop.txt", "drop_v6.json", "dropv6.txt", "asndrop.json");

    private static final long MB = 1024 * 1024;

    /**
     * DB-IP lite city + ASN (monthly; this month's file, else last month's), IPFire location.db, Spamhaus DROP
     * (JSON, text as fallback; at most once per hour), and GeoLite2 City + ASN when a MaxMind licence key is given.
     */
    public static List<Feed> defaults(java.time.Clock clock, String maxmindLicenseKey) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<Feed> f = new ArrayList<>();
        f.add(new Feed("dbip-city", List.of(dbip("city", now, DBIP_CITY), dbip("city", now.minusMonths(1), DBIP_CITY)),
                Duration.ZERO, 300 * MB, Feeds::validateMmdb));
        f.add(new Feed("dbip-asn", List.of(dbip("asn", now, DBIP_ASN), dbip("asn", now.minusMonths(1), DBIP_ASN)),
                Duration.ZERO, 100 * MB, Feeds::validateMmdb));
        f.add(new Feed("ipfire", List.of(new Alternative(URI.create("https://location.ipfire.org/databases/1/location.db.xz"),
                LOCATION, Compression.XZ)), Duration.ZERO, 200 * MB, Feeds::validateLocation));
        f.add(spamhaus("spamhaus-drop-v4", "drop_v4.json", "drop.txt"));
        f.add(spamhaus("spamhaus-drop-v6", "drop_v6.json", "dropv6.txt"));
        f.add(spamhaus("spamhaus-asndrop", "asndrop.json", null));
        if (maxmindLicenseKey != null && !maxmindLicenseKey.isBlank()) {
            f.add(geolite("geolite2-city", "GeoLite2-City", GEOLITE_CITY, maxmindLicenseKey));
            f.add(geolite("geolite2-asn", "GeoLite2-ASN", GEOLITE_ASN, maxmindLicenseKey));
        }
        return f;
    }

    private static Alternative dbip(String kind, YearMonth month, String file) {
        return new Alternative(URI.create("https://download.db-ip.com/free/dbip-" + kind + "-lite-" + month + ".mmdb.gz"),
                file, Compression.GZIP);
    }

    private static Feed spamhaus(String name, String json, String text) {
        List<Alternative> alts = new ArrayList<>();
        alts.add(new Alternative(URI.create("https://www.spamhaus.org/drop/" + json), json, Compression.NONE));
        if (text != null) alts.add(new Alternative(URI.create("https://www.spamhaus.org/drop/" + text), text, Compression.NONE));
        return new Feed(name, alts, Duration.ofHours(1), 20 * MB, Feeds::validateDrop);
    }

    private static Feed geolite(String name, String edition, String file, String key) {
        URI uri = URI.create("https://download.maxmind.com/app/geoip_download?edition_id=" + edition
                + "&license_key=" + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8) + "&suffix=tar.gz");
        return new Feed(name, List.of(new Alternative(uri, file, Compression.TAR_GZ_MMDB)), Duration.ZERO, 200 * MB,
                Feeds::validateMmdb);
    }

    public static String validateMmdb(Path p) throws Exception {
        try (Reader r = new Reader(p.toFile())) {
            r.get(wstool.core.net.Addresses.parse("8.8.8.8"), Object.class); // exercises tree + data section
            return r.getMetadata().databaseType() + " built " + r.getMetadata().buildTime();
        }
    }

    public static String validateLocation(Path p) {
        LocationDb db = LocationDb.open(p);
        db.lookup(wstool.core.net.Addresses.parse("8.8.8.8"));
        if (db.networkCount() == 0) throw new IllegalStateException("location database holds no networks");
        return db.networkCount() + " networks, created " + db.createdAt();
    }

    public static String validateDrop(Path p) {
        SpamhausDrop d = SpamhausDrop.load(p);
        if (d.networkCount() + d.asnCount() == 0) throw new IllegalStateException("list holds no entries");
        return d.networkCount() + " networks, " + d.asnCount() + " ASNs";
    }
}
