package wstool.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wstool.enrich.CompactTable;
import wstool.enrich.Enricher;
import wstool.enrich.GeoDataException;
import wstool.enrich.GeoFiles;
import wstool.enrich.GeoSource;
import wstool.enrich.MaxMindSource;
import wstool.enrich.SpamhausDrop;
import wstool.enrich.SpecialRanges;

/**
 * Builds the {@link Enricher} the commands use, in this precedence: IANA special-purpose ranges; files given on the
 * command line ({@code --geoip-db}, {@code --asn-db}, {@code --location-db}); what {@code update} put in the data dir
 * (GeoLite2, DB-IP, IPFire); the embedded November 2019 GeoLite2 City + ASN when no current city/ASN data is present.
 * Spamhaus DROP ({@code --drop} files, else those in the data dir) comes right after the IANA ranges, so its SBL ids
 * win over IPFire's DROP flag. A file that cannot be opened is reported in
 * {@link #notes()} and left out; it never stops the tool.
 */
public final class DataSet {
    /** Command-line overrides; null / empty when not given. */
    public record Overrides(Path geoipDb, Path asnDb, Path locationDb, List<Path> drop) {
        public static final Overrides NONE = new Overrides(null, null, null, List.of());
    }

    private final List<GeoSource> sources = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Where each MaxMind City/ASN source's bytes can be read again (a file or an embedded resource name). */
    private final java.util.Map<GeoSource, Object> origins = new java.util.IdentityHashMap<>();
    private boolean embeddedUsed;

    private DataSet() {}

    public static DataSet open(Path dataDir, Overrides o) {
        DataSet d = new DataSet();
        d.sources.add(SpecialRanges.iana());
        d.addDrop(dataDir, o); // before the geo databases: its SBL ids win over IPFire's bare DROP flag
        boolean city = false;
        boolean asn = false;
        for (Path p : new Path[] {o.geoipDb(), o.asnDb(), o.locationDb()}) {
            if (p != null) {
                GeoSource s = d.tryOpen(p, true);
                if (s != null) {
                    city |= p != o.asnDb();
                    asn |= p != o.geoipDb();
                }
            }
        }
        for (String f : new String[] {Feeds.GEOLITE_CITY, Feeds.DBIP_CITY, Feeds.GEOLITE_ASN, Feeds.DBIP_ASN, Feeds.LOCATION}) {
            Path p = dataDir == null ? null : dataDir.resolve(f);
            if (p != null && Files.isRegularFile(p) && d.tryOpen(p, false) != null) {
                city |= !f.contains("ASN") && !f.contains("asn");
                asn |= !f.contains("City") && !f.contains("city");
            }
        }
        if ((!city || !asn) && EmbeddedData.available()) {
            try {
                if (!city) d.addEmbedded(EmbeddedData.CITY);
                if (!asn) d.addEmbedded(EmbeddedData.ASN);
                d.embeddedUsed = true;
            } catch (GeoDataException e) {
                d.notes.add(e.getMessage());
            }
        }
        return d;
    }

    private void addEmbedded(String name) {
        MaxMindSource s = EmbeddedData.open(name);
        sources.add(s);
        origins.put(s, name);
    }

    private void addDrop(Path dataDir, Overrides o) {
        List<Path> drop = new ArrayList<>(o.drop());
        if (drop.isEmpty() && dataDir != null) {
            for (String f : Feeds.DROP_FILES) if (Files.isRegularFile(dataDir.resolve(f))) drop.add(dataDir.resolve(f));
        }
        if (drop.isEmpty()) return;
        try {
            sources.add(SpamhausDrop.load(drop.toArray(Path[]::new)));
        } catch (GeoDataException e) {
            notes.add(e.getMessage() + " (DROP listing disabled)");
        }
    }

    private GeoSource tryOpen(Path p, boolean explicit) {
        try {
            GeoSource s = GeoFiles.open(p);
            sources.add(s);
            origins.put(s, p);
            return s;
        } catch (GeoDataException e) {
            notes.add(e.getMessage() + (explicit ? "" : " (left out; run 'ws_tool update')"));
            return null;
        }
    }

    public List<GeoSource> sources() { return List.copyOf(sources); }

    /**
     * Builds a {@link CompactTable} for a MaxMind City or ASN source of this set (from its file, memory-mapped, or
     * from the embedded resource), or returns null for any other source. Slow (seconds for GeoLite2 City): called
     * by {@link RangeTables} off the consumer thread.
     */
    CompactTable compactTable(GeoSource s) {
        if (!(s instanceof MaxMindSource m) || !RangeTables.tableable(m)) return null;
        Object origin = origins.get(s);
        if (origin instanceof Path p) return CompactTable.build(p, m);
        if (origin instanceof String name) return EmbeddedData.compactFor(name, m);
        return null;
    }

    /** Problems found while opening, one sentence each. */
    public List<String> notes() { return List.copyOf(notes); }

    public boolean embeddedUsed() { return embeddedUsed; }

    public Enricher enricher() { return new Enricher(sources); }

    /** Short "name age" labels for the TUI header, e.g. "geolite2-city 7 y (embedded)"; the IANA table is left out. */
    public List<String> labels(java.time.Instant now) {
        List<String> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (s instanceof SpecialRanges) continue;
            java.time.Instant t = s instanceof MaxMindSource m ? m.buildTime()
                    : s instanceof wstool.enrich.LocationDb l ? l.createdAt()
                    : s instanceof SpamhausDrop d ? d.listTime() : null;
            String label = s.name() + (t == null ? "" : " " + age(java.time.Duration.between(t, now)));
            if (embeddedUsed && s instanceof MaxMindSource m && m.buildTime().getEpochSecond() < 1_600_000_000L) label += " (embedded)";
            out.add(label);
        }
        return out;
    }

    static String age(java.time.Duration d) {
        long days = Math.max(0, d.toDays());
        if (days >= 365) return days / 365 + " y";
        if (days >= 1) return days + " d";
        return Math.max(0, d.toHours()) + " h";
    }

    /** Names of the sources in precedence order, with the build date where the format carries one. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (s instanceof MaxMindSource m) out.add(s.name() + " (built " + m.buildTime() + ")");
            else if (s instanceof wstool.enrich.LocationDb l) out.add(s.name() + " (created " + l.createdAt() + ")");
            else out.add(s.name());
        }
        return out;
    }
}
