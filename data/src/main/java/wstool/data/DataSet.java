package wstool.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import wstool.enrich.Enricher;
import wstool.enrich.GeoDataException;
import wstool.enrich.GeoFiles;
import wstool.enrich.GeoSource;
import wstool.enrich.LocationDb;
import wstool.enrich.MmdbSchema;
import wstool.enrich.MmdbSource;
import wstool.enrich.RangeTable;
import wstool.enrich.SpamhausDrop;
import wstool.enrich.SpecialRanges;

/**
 * Builds the {@link Enricher} every command uses (event jobs and look-ups alike), in this precedence: IANA
 * special-purpose ranges; files given on the command line ({@code --geoip-db}, {@code --asn-db},
 * {@code --location-db}); what {@code update} put in the data dir (GeoLite2, DB-IP, IPFire); the embedded November
 * 2019 GeoLite2 City + ASN when no current city/ASN data is present. Spamhaus DROP ({@code --drop} files, else those
 * in the data dir) comes right after the IANA ranges, so its SBL ids win over IPFire's DROP flag. MaxMind DB files
 * answer through their {@link RangeTable}s (see {@link RangeTables}).
 *
 * <p>A file the user named is used or {@link #open} fails with an {@link UnusableFile} naming it and the reason
 * (missing, damaged, of an unknown schema, or without the data it was given for); a file of the data dir that
 * cannot be opened is reported in {@link #notes()} and left out.
 */
public final class DataSet {
    /** Command-line overrides; null / empty when not given. */
    public record Overrides(Path geoipDb, Path asnDb, Path locationDb, List<Path> drop) {
        public static final Overrides NONE = new Overrides(null, null, null, List.of());
    }

    /** A file the user named cannot be used; the message names the file and the reason. */
    public static final class UnusableFile extends GeoDataException {
        UnusableFile(String message, Throwable cause) { super(message, cause); }
    }

    private final List<GeoSource> sources = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Path dataDir;
    private boolean embeddedUsed;

    private DataSet(Path dataDir) { this.dataDir = dataDir; }

    public static DataSet open(Path dataDir, Overrides o) {
        DataSet d = new DataSet(dataDir);
        try {
            d.fill(o);
        } catch (RuntimeException e) {
            d.sources.forEach(GeoSource::close);
            throw e;
        }
        return d;
    }

    private void fill(Overrides o) {
        sources.add(SpecialRanges.iana());
        addDrop(o); // before the geo databases: its SBL ids win over IPFire's bare DROP flag
        boolean city = false;
        boolean asn = false;
        if (o.geoipDb() != null) city = openNamed(o.geoipDb(), MmdbSchema.Part.GEO) != null;
        if (o.asnDb() != null) asn = openNamed(o.asnDb(), MmdbSchema.Part.AS) != null;
        if (o.locationDb() != null && !GeoFiles.isLocationDb(o.locationDb())) {
            throw new UnusableFile(o.locationDb() + ": not an IPFire location.db (it does not start with the LOCDBXX"
                    + " header); --location-db takes location.db, --geoip-db and --asn-db take other databases", null);
        }
        if (o.locationDb() != null && openNamed(o.locationDb(), null) != null) {
            city = true;
            asn = true;
        }
        for (String f : new String[] {Feeds.GEOLITE_CITY, Feeds.DBIP_CITY, Feeds.GEOLITE_ASN, Feeds.DBIP_ASN, Feeds.LOCATION}) {
            Path p = dataDir == null ? null : dataDir.resolve(f);
            if (p != null && Files.isRegularFile(p) && tryOpen(p) != null) {
                city |= !f.contains("ASN") && !f.contains("asn");
                asn |= !f.contains("City") && !f.contains("city");
            }
        }
        if ((!city || !asn) && EmbeddedData.available()) {
            try {
                if (!city) addEmbedded(EmbeddedData.CITY);
                if (!asn) addEmbedded(EmbeddedData.ASN);
                embeddedUsed = true;
            } catch (GeoDataException e) {
                notes.add(e.getMessage());
            }
        }
    }

    private void addEmbedded(String name) {
        MmdbSource s;
        if (dataDir == null) {
            s = EmbeddedData.inMemory(name);
        } else {
            try {
                s = MmdbSource.open(EmbeddedData.extracted(dataDir, name));
            } catch (GeoDataException e) {
                notes.add(e.getMessage() + " (reading the embedded copy into memory instead)");
                s = EmbeddedData.inMemory(name);
            }
        }
        sources.add(RangeTables.compiled(s, dataDir, notes));
    }

    private void addDrop(Overrides o) {
        boolean named = !o.drop().isEmpty();
        List<Path> drop = new ArrayList<>(o.drop());
        if (!named && dataDir != null) {
            for (String f : Feeds.DROP_FILES) if (Files.isRegularFile(dataDir.resolve(f))) drop.add(dataDir.resolve(f));
        }
        if (drop.isEmpty()) return;
        try {
            if (named) {
                for (Path p : drop) {
                    if (!Files.isRegularFile(p)) throw new GeoDataException(p + ": no such file");
                }
            }
            SpamhausDrop d = SpamhausDrop.load(drop.toArray(Path[]::new));
            if (named && d.networkCount() + d.asnCount() == 0) {
                throw new GeoDataException(String.join(", ", drop.stream().map(Path::toString).toList())
                        + ": no DROP entries (neither CIDR lines nor JSON lines with cidr or asn)");
            }
            sources.add(d);
        } catch (GeoDataException e) {
            if (named) throw new UnusableFile(e.getMessage(), e);
            notes.add(e.getMessage() + " (DROP listing disabled)");
        }
    }

    /** Opens a file the user named; {@code needs} is the part it was given for (null: any). */
    private GeoSource openNamed(Path p, MmdbSchema.Part needs) {
        GeoSource s;
        try {
            s = GeoFiles.open(p);
        } catch (GeoDataException e) {
            throw new UnusableFile(e.getMessage(), e);
        }
        if (needs != null && s instanceof MmdbSource m && !m.parts().contains(needs)) {
            s.close();
            throw new UnusableFile(p + ": database type '" + m.databaseType() + "' holds "
                    + (needs == MmdbSchema.Part.GEO ? "AS data only, not locations" : "locations only, not AS data"), null);
        }
        return add(s);
    }

    private GeoSource tryOpen(Path p) {
        try {
            return add(GeoFiles.open(p));
        } catch (GeoDataException e) {
            notes.add(e.getMessage() + " (left out; run 'ws_tool update')");
            return null;
        }
    }

    private GeoSource add(GeoSource s) {
        GeoSource used = s instanceof MmdbSource m ? RangeTables.compiled(m, dataDir, notes) : s;
        sources.add(used);
        return used;
    }

    public List<GeoSource> sources() { return List.copyOf(sources); }

    /** Problems found while opening, one sentence each. */
    public List<String> notes() { return List.copyOf(notes); }

    public boolean embeddedUsed() { return embeddedUsed; }

    /**
     * Whether addresses are checked against a DROP list: a Spamhaus list, or IPFire's location.db with its DROP flag.
     * Without one, "not listed" would be a claim nobody checked: outputs say "not checked" instead.
     */
    public boolean checksDrop() {
        return sources.stream().anyMatch(s -> s instanceof SpamhausDrop || s instanceof LocationDb);
    }

    /** What every output says when {@link #checksDrop()} is false. */
    public static final String DROP_NOT_CHECKED = "not checked: no DROP list loaded (run `ws_tool update` or pass --drop)";

    /** One Enricher over these sources: the same for event jobs and look-ups. */
    public Enricher enricher() { return new Enricher(sources); }

    /** What {@code doctor} says about the fast path: which databases answer from range tables. */
    public String fastPath() { return RangeTables.describe(sources); }

    private static MmdbSource mmdb(GeoSource s) {
        return s instanceof RangeTable t ? t.source() : s instanceof MmdbSource m ? m : null;
    }

    /** Short "name age" labels for the TUI header, e.g. "geolite2-city 7 y (embedded)"; the IANA table is left out. */
    public List<String> labels(Instant now) {
        List<String> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (s instanceof SpecialRanges) continue;
            MmdbSource m = mmdb(s);
            Instant t = m != null ? m.buildTime()
                    : s instanceof LocationDb l ? l.createdAt()
                    : s instanceof SpamhausDrop d ? d.listTime() : null;
            String label = s.name() + (t == null ? "" : " " + age(Duration.between(t, now)));
            if (embeddedUsed && m != null && m.buildTime().getEpochSecond() < 1_600_000_000L) label += " (embedded)";
            out.add(label);
        }
        return out;
    }

    static String age(Duration d) {
        long days = Math.max(0, d.toDays());
        if (days >= 365) return days / 365 + " y";
        if (days >= 1) return days + " d";
        return Math.max(0, d.toHours()) + " h";
    }

    /** Names of the sources in precedence order, with the build date where the format carries one. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (GeoSource s : sources) {
            MmdbSource m = mmdb(s);
            if (m != null) out.add(s.name() + " (built " + m.buildTime() + ")");
            else if (s instanceof LocationDb l) out.add(s.name() + " (created " + l.createdAt() + ")");
            else out.add(s.name());
        }
        return out;
    }

}
