package wstool.enrich;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import wstool.core.net.Addresses;

/** Opens a database file with the right reader, chosen by its content rather than its name. */
public final class GeoFiles {
    private GeoFiles() {}

    private static final byte[] LOCDB_MAGIC = "LOCDBXX".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static GeoSource open(Path file) {
        if (!Files.isRegularFile(file)) throw new GeoDataException(file + ": no such file");
        if (startsWith(file, LOCDB_MAGIC)) return LocationDb.open(file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".bin")) return Ip2LocationBin.open(file);
        if (name.startsWith("geoip") && !name.endsWith(".mmdb")) return TorGeoIp.open(file);
        return openMmdb(file);
    }

    /**
     * A {@code .mmdb}: DB-IP files with flat records go to {@link DbIpSource}; GeoIP2-layout files (MaxMind's,
     * and DB-IP's GeoIP2-compatible editions) to {@link MaxMindSource}.
     */
    public static GeoSource openMmdb(Path file) {
        boolean flat;
        try (Reader r = new Reader(file.toFile())) {
            String type = r.getMetadata().databaseType();
            flat = type.toUpperCase(java.util.Locale.ROOT).startsWith("DBIP") && hasFlatRecords(r);
        } catch (IOException | RuntimeException e) {
            throw new GeoDataException(file + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
        return flat ? DbIpSource.open(file) : MaxMindSource.open(file);
    }

    @SuppressWarnings("rawtypes")
    private static boolean hasFlatRecords(Reader r) throws IOException {
        for (String probe : new String[] {"1.1.1.1", "8.8.8.8", "81.2.69.142", "2001:4860::1"}) {
            InetAddress a = Addresses.parse(probe);
            if (a instanceof java.net.Inet6Address && r.getMetadata().ipVersion() != 6) continue;
            Map m = r.get(a, Map.class);
            if (m != null) return m.containsKey("country_code") || m.containsKey("state1") || !m.containsKey("country");
        }
        return true;
    }

    private static boolean startsWith(Path f, byte[] magic) {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(magic.length);
            return java.util.Arrays.equals(b, magic);
        } catch (IOException e) {
            throw new GeoDataException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
