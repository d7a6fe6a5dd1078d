package wstool.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import wstool.enrich.GeoDataException;
import wstool.enrich.MmdbSource;

/**
 * The offline default: GeoLite2 City and ASN of November 2019 from the Maven artifact
 * {@code org.elasticsearch:geolite2-databases:20191119} (CC BY-SA 4.0, by MaxMind), on the classpath. It is
 * extracted once into the data dir ({@code embedded/}) and memory-mapped from there like any file, so it is never
 * copied into the heap; the copy is checked against the SHA-256 taken while extracting (kept beside it in
 * {@code NAME.sha256} with its size and time) and extracted again when it differs. It is a fallback that works on a
 * fresh machine, not current data: {@link #buildTime()} says how old it is.
 */
public final class EmbeddedData {
    public static final String CITY = "GeoLite2-City.mmdb";
    public static final String ASN = "GeoLite2-ASN.mmdb";
    public static final String ATTRIBUTION =
            "Embedded default: GeoLite2 data created by MaxMind (November 2019), CC BY-SA 4.0, https://www.maxmind.com";
    static final String DIR = "embedded";

    private EmbeddedData() {}

    public static boolean available() { return resource(CITY) != null; }

    private static URL resource(String name) { return EmbeddedData.class.getClassLoader().getResource(name); }

    private static InputStream stream(String name) {
        InputStream raw = EmbeddedData.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) {
            throw new GeoDataException("embedded " + name + " is not on the classpath (org.elasticsearch:geolite2-databases missing)");
        }
        return new BufferedInputStream(raw, 1 << 16);
    }

    /**
     * The embedded database {@code name} as a file in {@code dataDir}: extracted on first use (to a temporary file,
     * read back and compared with the hash of what was extracted, then moved into place), reused while it is
     * unchanged.
     */
    public static Path extracted(Path dataDir, String name) {
        Path dir = dataDir.resolve(DIR);
        Path file = dir.resolve(name);
        Path stamp = dir.resolve(name + ".sha256");
        try {
            if (Files.isRegularFile(file) && Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(stampOf(file, null))) {
                return file;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + name + "-", ".tmp");
            try {
                String written;
                try (InputStream in = stream(name); OutputStream out = Files.newOutputStream(tmp)) {
                    DigestInputStream d = new DigestInputStream(in, sha256());
                    d.transferTo(out);
                    written = HexFormat.of().formatHex(d.getMessageDigest().digest());
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                String onDisk = hash(tmp);
                if (!onDisk.equals(written)) {
                    throw new GeoDataException(tmp + ": the extracted copy of embedded " + name + " reads back differently");
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Files.writeString(stamp, stampOf(file, hash(file)) + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new GeoDataException(file + ": cannot extract the embedded " + name + " (" + e.getMessage() + ")", e);
        }
    }

    /** "sha256 size mtime"; with {@code sha} null, the hash recorded is taken from the stamp file's expectation. */
    private static String stampOf(Path file, String sha) throws IOException {
        Path stamp = file.resolveSibling(file.getFileName() + ".sha256");
        if (sha == null) {
            String s = Files.isRegularFile(stamp) ? Files.readString(stamp).strip() : "";
            int sp = s.indexOf(' ');
            sha = sp < 0 ? "" : s.substring(0, sp);
        }
        return sha + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    private static String hash(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Reads one embedded database into memory (about 60 MB for City): only where no data dir can take the file. */
    public static MmdbSource inMemory(String name) {
        try (InputStream in = stream(name)) {
            return MmdbSource.read(in, "embedded " + name);
        } catch (IOException e) {
            throw new GeoDataException("embedded " + name + ": " + e.getMessage(), e);
        }
    }

    /** Build time of the embedded databases, read from the ASN one's metadata (the smaller file; same date). */
    public static Instant buildTime() {
        try (MmdbSource s = inMemory(ASN)) {
            return s.buildTime();
        }
    }

    public static Duration age(Instant now) { return Duration.between(buildTime(), now); }
}
