package wstool.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import wstool.enrich.CompactTable;
import wstool.enrich.GeoDataException;
import wstool.enrich.MaxMindSource;

/**
 * The offline default: GeoLite2 City and ASN of November 2019 from the Maven artifact
 * {@code org.elasticsearch:geolite2-databases:20191119} (CC BY-SA 4.0, by MaxMind), read from the classpath.
 * It is a fallback that works on a fresh machine, not current data: {@link #buildTime()} says how old it is.
 */
public final class EmbeddedData {
    public static final String CITY = "GeoLite2-City.mmdb";
    public static final String ASN = "GeoLite2-ASN.mmdb";
    public static final String ATTRIBUTION =
            "Embedded default: GeoLite2 data created by MaxMind (November 2019), CC BY-SA 4.0, https://www.maxmind.com";

    private EmbeddedData() {}

    public static boolean available() { return EmbeddedData.class.getClassLoader().getResource(CITY) != null; }

    /** Loads one embedded database into memory (about 60 MB for City). */
    public static MaxMindSource open(String name) {
        InputStream raw = EmbeddedData.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) {
            throw new GeoDataException("embedded " + name + " is not on the classpath (org.elasticsearch:geolite2-databases missing)");
        }
        try (InputStream in = new BufferedInputStream(raw)) {
            return MaxMindSource.read(in, "embedded " + name);
        } catch (IOException e) {
            throw new GeoDataException("embedded " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * An embedded database with its IPv4 part flattened into a {@link CompactTable} (a few seconds to build, ~26 MB
     * more heap for City): for long runs where every lookup counts.
     */
    public static CompactTable openCompact(String name) {
        MaxMindSource db = open(name);
        try {
            return compactFor(name, db);
        } catch (GeoDataException e) {
            db.close();
            throw e;
        }
    }

    /** A range table over {@code db}, which must be the embedded database {@code name} (as {@link #open} gives it). */
    static CompactTable compactFor(String name, MaxMindSource db) {
        InputStream raw = EmbeddedData.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) throw new GeoDataException("embedded " + name + " is not on the classpath");
        try (InputStream in = new BufferedInputStream(raw)) {
            return CompactTable.build(in, db);
        } catch (IOException e) {
            throw new GeoDataException("embedded " + name + ": " + e.getMessage(), e);
        }
    }

    /** Build time of the embedded City database (read from its metadata). */
    public static Instant buildTime() {
        try (MaxMindSource s = open(ASN)) { // the smaller file carries the same build date
            return s.buildTime();
        }
    }

    public static Duration age(Instant now) { return Duration.between(buildTime(), now); }
}
