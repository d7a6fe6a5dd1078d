package wstool.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Downloads {@link Feed}s into the data dir. HTTPS only (plain HTTP is accepted only for loopback hosts, which the
 * tests use); connect and response timeouts; a size limit on the bytes received and on the decompressed file;
 * gzip / xz / tar.gz decompression while downloading; the new file is opened and validated before it is atomically
 * moved over the previous one, which is kept untouched on any failure. A feed with a minimum interval (Spamhaus: one
 * hour) is not fetched again while its file is younger than that.
 */
public final class Updater {
    public enum Status { UPDATED, FRESH, FAILED, PRESENT, MISSING }

    /** What happened to one feed. */
    public record Outcome(String feed, Status status, String detail) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRANSFER_DEADLINE = Duration.ofMinutes(15);

    private final Path dir;
    private final Clock clock;
    private final ProgressBar progress;
    private final HttpClient http;

    public Updater(Path dir, Clock clock, ProgressBar progress) {
        this.dir = dir;
        this.clock = clock;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build(); // NORMAL never follows HTTPS -> HTTP
    }

    /** Updates every feed (or only the one named {@code only}, when not null). */
    public List<Outcome> update(List<Feed> feeds, String only) throws IOException {
        Files.createDirectories(dir);
        List<Outcome> out = new ArrayList<>();
        for (Feed f : select(feeds, only)) out.add(update(f));
        return out;
    }

    /** The {@code --offline} check: which feed files are there, how old, and whether each still validates. */
    public List<Outcome> check(List<Feed> feeds, String only) {
        List<Outcome> out = new ArrayList<>();
        for (Feed f : select(feeds, only)) {
            Path p = existing(f);
            if (p == null) {
                out.add(new Outcome(f.name(), Status.MISSING, "not downloaded yet"));
                continue;
            }
            try {
                String what = f.validator().validate(p);
                out.add(new Outcome(f.name(), Status.PRESENT, p.getFileName() + ", " + what + ", fetched "
                        + Files.getLastModifiedTime(p).toInstant()));
            } catch (Exception e) {
                out.add(new Outcome(f.name(), Status.FAILED, p.getFileName() + " is unusable: " + e.getMessage()));
            }
        }
        return out;
    }

    private static List<Feed> select(List<Feed> feeds, String only) {
        if (only == null) return feeds;
        List<Feed> l = feeds.stream().filter(f -> f.name().equals(only)).toList();
        if (l.isEmpty()) {
            throw new IllegalArgumentException("no data feed named '" + only + "' (known: "
                    + String.join(", ", feeds.stream().map(Feed::name).toList()) + ")");
        }
        return l;
    }

    private Path existing(Feed f) {
        for (Feed.Alternative a : f.alternatives()) {
            Path p = dir.resolve(a.fileName());
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    Outcome update(Feed f) {
        Path have = existing(f);
        if (have != null && f.minInterval() != null && !f.minInterval().isZero()) {
            try {
                Instant fetched = Files.getLastModifiedTime(have).toInstant();
                if (fetched.plus(f.minInterval()).isAfter(clock.instant())) {
                    return new Outcome(f.name(), Status.FRESH, "fetched " + fetched + "; fetched at most every "
                            + f.minInterval().toMinutes() + " min");
                }
            } catch (IOException ignored) {
                // unreadable time: fetch again
            }
        }
        List<String> errors = new ArrayList<>();
        for (Feed.Alternative a : f.alternatives()) {
            try {
                String what = fetch(f, a);
                return new Outcome(f.name(), Status.UPDATED, a.fileName() + ": " + what);
            } catch (Exception e) {
                errors.add(a.uri() + ": " + e.getMessage());
            }
        }
        return new Outcome(f.name(), Status.FAILED, String.join("; ", errors)
                + (have == null ? "" : " (kept the previous " + have.getFileName() + ")"));
    }

    private String fetch(Feed f, Feed.Alternative a) throws Exception {
        checkAllowed(a.uri());
        HttpRequest req = HttpRequest.newBuilder(a.uri()).timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "ws_tool-update").GET().build();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        Path target = dir.resolve(a.fileName());
        Path part = dir.resolve("." + a.fileName() + ".part");
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) throw new IOException("HTTP status " + resp.statusCode());
            checkAllowed(resp.uri()); // after redirects
            long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total > f.maxBytes()) throw new IOException("server announces " + total + " bytes, limit is " + f.maxBytes());
            Instant deadline = clock.instant().plus(TRANSFER_DEADLINE);
            InputStream counted = new Limited(body, f.maxBytes(), "download", n -> {
                if (progress != null) progress.update(f.name(), n, total);
                if (clock.instant().isAfter(deadline)) throw new IOException("transfer took longer than " + TRANSFER_DEADLINE);
            });
            try (InputStream data = new Limited(decompress(counted, a.compression()), f.maxBytes() * 8, "decompressed file", n -> {});
                 OutputStream out = Files.newOutputStream(part)) {
                data.transferTo(out);
            }
            if (progress != null) progress.finish();
            String what = f.validator().validate(part);
            Files.setLastModifiedTime(part, FileTime.from(clock.instant()));
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return what;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** HTTPS, or plain HTTP to a loopback host only. */
    static void checkAllowed(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https")) return;
        if (scheme.equals("http") && isLoopback(uri.getHost())) return;
        throw new IOException("refusing " + uri + ": downloads must use HTTPS");
    }

    private static boolean isLoopback(String host) {
        if (host == null) return false;
        if (host.equalsIgnoreCase("localhost")) return true;
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!wstool.core.net.Addresses.isLiteral(h)) return false; // never resolve names here
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InputStream decompress(InputStream in, Feed.Compression c) throws IOException {
        switch (c) {
            case GZIP: return new GZIPInputStream(in, 65536);
            case XZ: return new XZInputStream(in);
            case TAR_GZ_MMDB: return Tar.firstEntryEndingWith(new GZIPInputStream(in, 65536), ".mmdb");
            default: return in;
        }
    }

    interface ByteCallback { void accept(long n) throws IOException; }

    /** Counts bytes, reports them, and fails past a limit (so a hostile server cannot fill the disk). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String what;
        private final ByteCallback callback;
        private long count;

        Limited(InputStream in, long limit, String what, ByteCallback callback) {
            super(in);
            this.limit = limit;
            this.what = what;
            this.callback = callback;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) throw new IOException(what + " exceeds the limit of " + limit + " bytes");
                callback.accept(count);
            }
            return n;
        }
    }

    /** Minimal ustar reader: streams the first regular entry whose name ends with a suffix (MaxMind's tar.gz). */
    static final class Tar {
        private Tar() {}

        static InputStream firstEntryEndingWith(InputStream in, String suffix) throws IOException {
            byte[] header = new byte[512];
            for (int entries = 0; entries < 10_000; entries++) {
                if (in.readNBytes(header, 0, 512) < 512) break;
                String name = cstring(header, 0, 100);
                if (name.isEmpty()) break;
                String prefix = cstring(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size;
                try {
                    size = Long.parseLong(cstring(header, 124, 12).trim(), 8);
                } catch (NumberFormatException e) {
                    throw new IOException("tar header of '" + name + "' has a bad size field");
                }
                if (size < 0) throw new IOException("tar entry '" + name + "' has a negative size");
                byte type = header[156];
                if ((type == '0' || type == 0) && name.endsWith(suffix)) return new Entry(in, size);
                long skip = (size + 511) / 512 * 512;
                if (!skipFully(in, skip)) {
                    throw new IOException("tar archive ends inside '" + name + "'");
                }
            }
            throw new IOException("no *" + suffix + " file in the tar archive");
        }

        private static boolean skipFully(InputStream in, long n) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) return false;
                n -= r;
            }
            return true;
        }

        /** The bytes of one entry. */
        private static final class Entry extends FilterInputStream {
            private long left;

            Entry(InputStream in, long size) {
                super(in);
                left = size;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) throw new IOException("tar archive ends inside an entry");
                left -= n;
                return n;
            }
        }

        private static String cstring(byte[] b, int off, int len) {
            int end = off;
            while (end < off + len && b[end] != 0) end++;
            return new String(b, off, end - off, StandardCharsets.US_ASCII);
        }
    }
}
