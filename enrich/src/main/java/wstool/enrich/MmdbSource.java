package wstool.enrich;

import wstool.core.net.Addresses;
import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import wstool.core.model.Enrichment;

/**
 * Any MaxMind DB ({@code .mmdb}) file, read with the generic maxmind-db {@link Reader} (memory-mapped) and mapped by
 * {@link MmdbSchema}: GeoIP2/GeoLite2 City, Country, ASN and ISP, DB-IP Lite, ip-location-db and IPinfo Lite. Which
 * parts (location, AS) the database holds is judged from its first records when it is opened; a database none of
 * whose records has a known key is refused, naming its type and keys.
 */
public final class MmdbSource implements GeoSource {
    /** Decoded records kept by offset: many networks share one record (a city), so decoding is mostly skipped. */
    private static final int RECORD_CACHE = 1 << 16;
    /** Records looked at to judge the schema. */
    private static final int SAMPLE = 64;

    private final Reader reader;
    private final Path file;
    private final String name;
    private final Set<MmdbSchema.Part> parts;
    private final boolean nested;

    private MmdbSource(Reader reader, Path file, String origin) {
        this.reader = reader;
        this.file = file;
        Metadata m = reader.getMetadata();
        this.name = m.databaseType().toLowerCase(Locale.ROOT);
        boolean[] layout = new boolean[1];
        this.parts = sampleParts(reader, origin, layout);
        this.nested = layout[0];
    }

    /** Opens a file, memory-mapped. */
    public static MmdbSource open(Path file) {
        Reader r = null;
        try {
            r = new Reader(file.toFile(), new CHMCache(RECORD_CACHE));
            return new MmdbSource(r, file, file.toString());
        } catch (IOException | RuntimeException e) {
            close(r);
            if (e instanceof GeoDataException g) throw g;
            throw new GeoDataException(file + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a whole database from a stream into memory (only where it cannot be memory-mapped from a file). */
    public static MmdbSource read(InputStream in, String origin) {
        Reader r = null;
        try {
            r = new Reader(in, new CHMCache(RECORD_CACHE));
            return new MmdbSource(r, null, origin);
        } catch (IOException | RuntimeException e) {
            close(r);
            if (e instanceof GeoDataException g) throw g;
            throw new GeoDataException(origin + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Set<MmdbSchema.Part> sampleParts(Reader r, String origin, boolean[] nested) {
        Set<MmdbSchema.Part> parts = EnumSet.noneOf(MmdbSchema.Part.class);
        Set<String> keys = new HashSet<>();
        try {
            Networks<Map> it = r.networks(false, Map.class);
            for (int i = 0; i < SAMPLE && it.hasNext(); i++) {
                DatabaseRecord<Map> rec = it.next();
                if (rec.data() == null) continue;
                keys.addAll(rec.data().keySet());
                parts.addAll(MmdbSchema.parts(rec.data()));
                nested[0] |= MmdbSchema.nested(rec.data());
            }
        } catch (IOException | com.maxmind.db.InvalidNetworkException | RuntimeException e) {
            throw new GeoDataException(origin + ": damaged MaxMind DB file (" + e.getMessage() + ")", e);
        }
        if (parts.isEmpty()) throw MmdbSchema.unknown(origin, r.getMetadata().databaseType(), keys);
        return parts;
    }

    private static void close(Reader r) {
        if (r == null) return;
        try {
            r.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    @Override public String name() { return name; }

    @Override public boolean coversIpv6() { return reader.getMetadata().ipVersion() == 6; }

    /** Whether the records carry location ({@link MmdbSchema.Part#GEO}) and/or AS data. */
    public Set<MmdbSchema.Part> parts() { return parts; }

    /** The file read, memory-mapped; null when the database was read from a stream. */
    public Path file() { return file; }

    public Metadata metadata() { return reader.getMetadata(); }

    public Instant buildTime() { return reader.getMetadata().buildTime(); }

    public String databaseType() { return reader.getMetadata().databaseType(); }

    /** Whether the records are in the GeoIP2 layout (decoded the lean way) rather than flat. */
    boolean nested() { return nested; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address instanceof Inet6Address && !coversIpv6()) return Enrichment.NONE;
        try {
            return MmdbSchema.read(reader, address, nested);
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(name + ": lookup of " + Addresses.text(address) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() { close(reader); }
}
