package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.net.Addresses;

/**
 * Seeded random-mutation fuzzing of every parser: flipped bytes, overwritten runs, truncation and garbage appended.
 * Each damaged input must either still work or fail with {@link GeoDataException} (a clear message) — never another
 * exception, an endless loop (each parser's batch runs under a preemptive timeout) or an OOM.
 */
class ParserFuzzTest {
    private static final int ROUNDS = 400;
    private static final long SEED = 0x5eed_2026L;

    @TempDir Path dir;

    private void fuzz(String what, byte[] valid, Function<byte[], GeoSource> open) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(SEED ^ what.hashCode());
            InetAddress[] probes = new InetAddress[40];
            for (int i = 0; i < probes.length; i++) {
                byte[] a = new byte[i % 2 == 0 ? 4 : 16];
                rnd.nextBytes(a);
                probes[i] = Addresses.fromBytes(a);
            }
            probes[0] = Addresses.parse("81.2.69.142");
            probes[1] = Addresses.parse("2001:4860::1");
            int refused = 0;
            for (int round = 0; round < ROUNDS; round++) {
                byte[] bad = mutate(valid, rnd);
                try (GeoSource s = open.apply(bad)) {
                    for (InetAddress p : probes) s.lookup(p);
                } catch (GeoDataException expected) {
                    refused++; // a clear refusal is the right answer to damaged input
                    if (expected.getMessage() == null || expected.getMessage().isBlank()) fail(what + ": refusal without a message");
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail(what + " round " + round + ": damaged input gave " + e + " instead of GeoDataException", e);
                }
            }
            if (refused == 0) fail(what + ": no damaged input was ever refused; the mutations do not reach the parser");
        });
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(4)) {
            case 0:
                for (int i = 1 + rnd.nextInt(8); i > 0; i--) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            case 1: {
                int at = rnd.nextInt(b.length);
                for (int i = at; i < Math.min(b.length, at + 1 + rnd.nextInt(16)); i++) b[i] = (byte) rnd.nextInt(256);
                return b;
            }
            case 2:
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            default: {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64));
                for (int i = b.length; i < longer.length; i++) longer[i] = (byte) rnd.nextInt(256);
                int at = rnd.nextInt(b.length);
                longer[at] = (byte) rnd.nextInt(256);
                return longer;
            }
        }
    }

    private Path write(String name, byte[] b) {
        try {
            Path p = Files.createTempFile(dir, name, ".bin");
            Files.write(p, b);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void locationDb() {
        fuzz("location.db", LocationDbTest.small(), b -> LocationDb.read("fuzz.db", b));
    }

    @Test
    void ip2location() {
        fuzz("ip2location", Ip2LocationBinTest.db(5, true), b -> Ip2LocationBin.read("fuzz.BIN", b));
    }

    @Test
    void maxmindCity() throws Exception {
        byte[] valid = Files.readAllBytes(Fixtures.mmdb("GeoLite2-City-Test.mmdb"));
        fuzz("geolite2-city", valid, b -> MmdbSource.open(write("city", b)));
    }

    @Test
    void dbip() {
        byte[] valid = new MmdbWriter(6, "DBIP-City-Lite")
                .put("81.2.69.0/24", Map.of("country_code", "GB", "city", "London", "latitude", 51.5f, "longitude", -0.12f))
                .put("2001:4860::/32", Map.of("country_code", "US", "city", "Mountain View"))
                .build();
        fuzz("dbip", valid, b -> MmdbSource.open(write("dbip", b)));
    }

    @Test
    void torGeoip() {
        byte[] valid = "# x\n16777216,16777471,AU\n16777472,16778239,CN\n2001:200::,2001:200:ffff::,JP\n"
                .getBytes(StandardCharsets.US_ASCII);
        fuzz("tor-geoip", valid, b -> TorGeoIp.open(write("geoip", b)));
    }

    @Test
    void spamhausDrop() {
        byte[] valid = (SpamhausDropTest.DROP_TXT + SpamhausDropTest.DROP_JSON + SpamhausDropTest.ASNDROP_JSON)
                .getBytes(StandardCharsets.UTF_8);
        fuzz("drop", valid, b -> new SpamhausDrop().add("drop", new String(b, StandardCharsets.UTF_8)));
    }
}
