package wstool.data;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import wstool.data.Feed.Alternative;
import wstool.data.Feed.Compression;
import wstool.data.Updater.Outcome;
import wstool.data.Updater.Status;

/** The downloader against a local com.sun.net.httpserver server on 127.0.0.1. */
class UpdaterTest {
    @TempDir Path dir;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    static byte[] mmdb() throws IOException {
        return Files.readAllBytes(Fixtures.path("mmdb/GeoLite2-City-Test.mmdb"));
    }


    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) { g.write(b); }
        return o.toByteArray();
    }

    static byte[] xz(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(o, new LZMA2Options())) { x.write(b); }
        return o.toByteArray();
    }

    private Feed mmdbFeed(String name, String path, String file, Compression c, long max) {
        return new Feed(name, List.of(new Alternative(url(path), file, c)), Duration.ZERO, max, Feeds::validateMmdb);
    }

    private Updater updater(ByteArrayOutputStream progress) {
        return new Updater(dir, clock, new ProgressBar(new PrintStream(progress, true, StandardCharsets.UTF_8)));
    }

    @Test
    void gzipMmdbIsDownloadedValidatedAndMovedWithProgress() throws Exception {
        files.put("/city.mmdb.gz", gzip(mmdb()));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Outcome> out = updater(progress).update(List.of(mmdbFeed("city", "/city.mmdb.gz", "c.mmdb", Compression.GZIP, 1 << 20)), null);
        assertEquals(Status.UPDATED, out.get(0).status(), out.toString());
        assertTrue(out.get(0).detail().contains("GeoLite2-City"), out.get(0).detail());
        assertArrayEquals(mmdb(), Files.readAllBytes(dir.resolve("c.mmdb")));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("100%"), progress.toString(StandardCharsets.UTF_8));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("c.mmdb"), s.map(p -> p.getFileName().toString()).toList(), "no partial files left");
        }
    }

    @Test
    void xzLocationDb() throws Exception {
        byte[] db = wstool.enrich.LocationDbTestData.small();
        files.put("/location.db.xz", xz(db));
        Feed f = new Feed("ipfire", List.of(new Alternative(url("/location.db.xz"), "location.db", Compression.XZ)),
                Duration.ZERO, 1 << 20, Feeds::validateLocation);
        Outcome o = updater(new ByteArrayOutputStream()).update(List.of(f), null).get(0);
        assertEquals(Status.UPDATED, o.status(), o.detail());
        assertArrayEquals(db, Files.readAllBytes(dir.resolve("location.db")));
    }

    @Test
    void damagedDownloadKeepsThePreviousFile() throws Exception {
        Files.write(dir.resolve("c.mmdb"), mmdb());
        byte[] bad = mmdb();
        for (int i = bad.length - 300; i < bad.length; i++) bad[i] = 0; // metadata destroyed
        files.put("/city.mmdb.gz", gzip(bad));
        Outcome o = updater(new ByteArrayOutputStream())
                .update(List.of(mmdbFeed("city", "/city.mmdb.gz", "c.mmdb", Compression.GZIP, 1 << 20)), null).get(0);
        assertEquals(Status.FAILED, o.status());
        assertTrue(o.detail().contains("kept the previous c.mmdb"), o.detail());
        assertArrayEquals(mmdb(), Files.readAllBytes(dir.resolve("c.mmdb")));
        assertFalse(Files.exists(dir.resolve(".c.mmdb.part")));
    }

    @Test
    void sizeLimitsApplyToDownloadAndDecompressedData() throws Exception {
        files.put("/big.mmdb", mmdb());
        Outcome o = updater(new ByteArrayOutputStream())
                .update(List.of(mmdbFeed("big", "/big.mmdb", "b.mmdb", Compression.NONE, 1000)), null).get(0);
        assertEquals(Status.FAILED, o.status());
        assertTrue(o.detail().contains("limit"), o.detail());
        files.put("/bomb.gz", gzip(new byte[2_000_000]));
        Outcome bomb = updater(new ByteArrayOutputStream())
                .update(List.of(mmdbFeed("bomb", "/bomb.gz", "x.mmdb", Compression.GZIP, 20_000)), null).get(0);
        assertEquals(Status.FAILED, bomb.status());
        assertTrue(bomb.detail().contains("limit"), bomb.detail());
        assertFalse(Files.exists(dir.resolve("x.mmdb")));
    }

    @Test
    void fallsBackToTheNextAlternative() throws Exception {
        files.put("/drop.txt", "1.10.16.0/20 ; SBL256894\n".getBytes(StandardCharsets.US_ASCII));
        Feed f = new Feed("drop", List.of(new Alternative(url("/drop_v4.json"), "drop_v4.json", Compression.NONE),
                new Alternative(url("/drop.txt"), "drop.txt", Compression.NONE)), Duration.ofHours(1), 1 << 20, Feeds::validateDrop);
        Outcome o = updater(new ByteArrayOutputStream()).update(List.of(f), null).get(0);
        assertEquals(Status.UPDATED, o.status(), o.detail());
        assertTrue(o.detail().startsWith("drop.txt"), o.detail());
    }

    @Test
    void spamhausIsFetchedAtMostOncePerHour() throws Exception {
        files.put("/drop_v4.json", "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}\n".getBytes(StandardCharsets.UTF_8));
        Feed f = new Feed("drop", List.of(new Alternative(url("/drop_v4.json"), "drop_v4.json", Compression.NONE)),
                Duration.ofHours(1), 1 << 20, Feeds::validateDrop);
        assertEquals(Status.UPDATED, updater(new ByteArrayOutputStream()).update(List.of(f), null).get(0).status());
        int after = requests.get();
        Clock later = Clock.offset(clock, Duration.ofMinutes(59));
        Outcome again = new Updater(dir, later, null).update(List.of(f), null).get(0);
        assertEquals(Status.FRESH, again.status());
        assertEquals(after, requests.get(), "no request within the hour");
        Outcome hourLater = new Updater(dir, Clock.offset(clock, Duration.ofMinutes(61)), null).update(List.of(f), null).get(0);
        assertEquals(Status.UPDATED, hourLater.status());
    }

    @Test
    void onlyAndOfflineCheck() throws Exception {
        files.put("/a.mmdb", mmdb());
        List<Feed> feeds = List.of(mmdbFeed("a", "/a.mmdb", "a.mmdb", Compression.NONE, 1 << 20),
                mmdbFeed("b", "/b.mmdb", "b.mmdb", Compression.NONE, 1 << 20));
        Updater u = updater(new ByteArrayOutputStream());
        List<Outcome> only = u.update(feeds, "a");
        assertEquals(1, only.size());
        assertEquals(Status.UPDATED, only.get(0).status());
        assertThrows(IllegalArgumentException.class, () -> u.update(feeds, "nope"));
        int before = requests.get();
        List<Outcome> check = u.check(feeds, null);
        assertEquals(before, requests.get(), "offline check makes no request");
        assertEquals(Status.PRESENT, check.get(0).status());
        assertEquals(Status.MISSING, check.get(1).status());
    }

    @Test
    void onlyHttpsExceptLoopback() {
        assertThrows(IOException.class, () -> Updater.checkAllowed(URI.create("http://download.db-ip.com/free/x.mmdb.gz")));
        assertThrows(IOException.class, () -> Updater.checkAllowed(URI.create("ftp://127.0.0.1/x")));
        assertThrows(IOException.class, () -> Updater.checkAllowed(URI.create("http://10.0.0.1/x")));
        assertDoesNotThrow(() -> Updater.checkAllowed(URI.create("https://download.db-ip.com/free/x.mmdb.gz")));
        assertDoesNotThrow(() -> Updater.checkAllowed(URI.create("http://127.0.0.1:8080/x")));
        assertDoesNotThrow(() -> Updater.checkAllowed(URI.create("http://[::1]:8080/x")));
        assertDoesNotThrow(() -> Updater.checkAllowed(URI.create("http://localhost/x")));
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
    }

    @Test
    void tarGzMmdbAsMaxMindShipsIt() throws Exception {
        byte[] db = mmdb();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "GeoLite2-City_20261120/COPYRIGHT.txt", "x".getBytes(StandardCharsets.US_ASCII));
        tarEntry(tar, "GeoLite2-City_20261120/GeoLite2-City.mmdb", db);
        tar.write(new byte[1024]);
        files.put("/geoip_download", gzip(tar.toByteArray()));
        Outcome o = updater(new ByteArrayOutputStream())
                .update(List.of(mmdbFeed("geolite2-city", "/geoip_download", "GeoLite2-City.mmdb", Compression.TAR_GZ_MMDB, 1 << 20)), null).get(0);
        assertEquals(Status.UPDATED, o.status(), o.detail());
        assertArrayEquals(db, Files.readAllBytes(dir.resolve("GeoLite2-City.mmdb")));
    }

    private static void tarEntry(ByteArrayOutputStream out, String name, byte[] data) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, 11);
        h[156] = '0';
        byte[] magic = "ustar".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }
}
