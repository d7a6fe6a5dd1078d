package wstool.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        return MmdbSource.open(file);
    }

    /** Whether the file starts like an IPFire location.db; a missing file is not one. */
    public static boolean isLocationDb(Path file) {
        return Files.isRegularFile(file) && startsWith(file, LOCDB_MAGIC);
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
