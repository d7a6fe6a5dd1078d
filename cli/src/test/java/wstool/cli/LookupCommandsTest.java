package wstool.cli;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** geoip / asn / dnsbl / iana / update / doctor against the MaxMind test databases and small DROP lists. */
class LookupCommandsTest {
    @TempDir
    Path dir;

    static Path mmdb(String name) {
        return Fixtures.path("mmdb/" + name);
    }

    private String[] args(String... cmd) {
        String[] base = {"--data-dir", dir.resolve("data").toString(),
                "--geoip-db", mmdb("GeoIP2-City-Test.mmdb").toString(), "--asn-db", mmdb("GeoLite2-ASN-Test.mmdb").toString()};
        String[] all = new String[base.length + cmd.length];
        System.arraycopy(cmd, 0, all, 0, 1);
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(cmd, 1, all, 1 + base.length, cmd.length - 1);
        return all;
    }

    @Test
    void geoipPrintsEverySourceThatAnswers() {
        CliRun r = CliRun.of(args("geoip", "81.2.69.142", "89.160.20.128", "::ffff:216.160.83.56"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("81.2.69.142          geoip2-city:     GB, United Kingdom, England, London, (51.5142, -0.0931)"), r.out());
        assertTrue(r.out().contains("SE, Sweden, Östergötland County, Linköping"), r.out());
        assertTrue(r.out().contains("::ffff:216.160.83.56"), r.out());
        assertTrue(r.out().contains("US, United States, Washington, Milton"), r.out());
        assertTrue(!r.out().contains("geolite2-city:"), "current data given: the 2019 default stays out: " + r.out());
    }

    @Test
    void embeddedDefaultAnswersWithoutAnyData() {
        CliRun r = CliRun.of("geoip", "8.8.8.8"); // the tests' data dir holds nothing but what the embedded default needs
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8.8.8.8              geolite2-city:   US, United States"), r.out());
    }

    @Test
    void asnAndJson() throws Exception {
        CliRun r = CliRun.of(args("asn", "1.128.0.1", "2001:8000::1", "10.1.1.1"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1.128.0.1            geolite2-asn:    AS1221, Telstra Pty Ltd"), r.out());
        assertTrue(r.out().contains("2001:8000::1         geolite2-asn:    AS1221"), r.out());
        assertTrue(r.out().contains("10.1.1.1             iana-special:    private (Private-Use, 10.0.0.0/8 RFC1918): not a public address, so no autonomous system announces it"), r.out());
        CliRun j = CliRun.of(args("asn", "--json", "89.160.20.128"));
        JsonNode n = new ObjectMapper().readTree(j.out().lines().findFirst().orElseThrow());
        assertEquals("89.160.20.128", n.get("address").asText());
        assertEquals(29518, n.get("merged").get("asn").asInt());
        assertEquals("SE", n.get("merged").get("country_code").asText());
        assertEquals("geolite2-asn", n.get("answers").get(0).get("source").asText());
        assertEquals(null, n.get("merged").get("empty"), "only the known fields: " + j.out());
        assertEquals(null, n.get("answers").get(0).get("city"), j.out());
    }

    @Test
    void dnsblWithDropLists() throws Exception {
        Path drop = dir.resolve("drop.txt");
        Files.writeString(drop, "; test\n1.10.16.0/20 ; SBL256894\n");
        Path asndrop = dir.resolve("asndrop.json");
        Files.writeString(asndrop, "{\"asn\":29518,\"rir\":\"ripencc\"}\n");
        CliRun r = CliRun.of(args("dnsbl", "--drop", drop.toString(), "--drop", asndrop.toString(),
                "1.10.17.1", "89.160.20.128", "8.8.8.8"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1.10.17.1            spamhaus-drop:   listed SBL256894"), r.out());
        assertTrue(r.out().contains("8.8.8.8              not listed"), r.out());
        CliRun j = CliRun.of(args("dnsbl", "--json", "--drop", drop.toString(), "--drop", asndrop.toString(), "89.160.20.128"));
        assertEquals("ASN-DROP", new ObjectMapper().readTree(j.out().trim()).get("merged").get("drop_id").asText(), j.out());
    }

    /** Without a DROP list nothing was checked: never "not listed" (issue 16). */
    @Test
    void dnsblWithoutADropListSaysNotChecked() throws Exception {
        CliRun r = CliRun.of(args("dnsbl", "1.10.16.1"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("1.10.16.1            not checked: no DROP list loaded (run `ws_tool update` or pass --drop)",
                r.out().trim(), r.out());
        assertTrue(!r.out().contains("not listed"), r.out());
        JsonNode j = new ObjectMapper().readTree(CliRun.of(args("dnsbl", "--json", "1.10.16.1")).out().trim());
        assertEquals(false, j.get("drop_checked").asBoolean(true), j.toString());
        Path drop = dir.resolve("drop.txt");
        Files.writeString(drop, "1.10.16.0/20 ; SBL256894\n");
        JsonNode k = new ObjectMapper().readTree(CliRun.of(args("dnsbl", "--json", "--drop", drop.toString(), "8.8.8.8")).out().trim());
        assertEquals(true, k.get("drop_checked").asBoolean(false), k.toString());
    }

    /** A private or loopback address: what it is, not "no answer from iana-special". */
    @Test
    void specialAddressesSayWhatTheyAre() {
        CliRun g = CliRun.of(args("geoip", "10.0.0.1", "::1"));
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("10.0.0.1             iana-special:    private (Private-Use, 10.0.0.0/8 RFC1918): "
                + "not a public address, so it has no location"), g.out());
        assertTrue(g.out().contains("::1                  iana-special:    loopback"), g.out());
        assertTrue(!g.out().contains("no answer"), g.out());
        CliRun a = CliRun.of(args("asn", "192.168.1.1"));
        assertTrue(a.out().contains("192.168.1.1          iana-special:    private"), a.out());
    }

    @Test
    void ianaAllocationAndSpecial() throws Exception {
        CliRun r = CliRun.of(args("iana", "8.8.8.8", "100.64.1.1", "2001:db8::1"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8.8.8.8              iana:            8.0.0.0/8 ARIN"), r.out());
        assertTrue(r.out().contains("100.64.1.1           iana-special:    cgnat (Shared Address Space, 100.64.0.0/10 RFC6598)"), r.out());
        assertTrue(r.out().contains("2001:db8::1          iana-special:    documentation"), r.out());
        CliRun j = CliRun.of(args("iana", "--json", "192.168.1.1"));
        JsonNode n = new ObjectMapper().readTree(j.out().trim());
        assertEquals("private", n.get("special").get("class").asText());
        assertEquals("ARIN", n.get("allocation").get("holder").asText());
    }

    @Test
    void badInputIsAUsageError() {
        CliRun r = CliRun.of(args("geoip", "www.example.com"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not an IP address: 'www.example.com'"), r.err());
        CliRun missing = CliRun.of("geoip", "--geoip-db", dir.resolve("nope.mmdb").toString(), "8.8.8.8");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("database file not found"), missing.err());
    }

    /** A file the user named is used or the command fails naming it and the reason: never the embedded data instead. */
    @Test
    void namedFileThatCannotBeUsedFailsTheCommand() throws Exception {
        Path notMmdb = dir.resolve("notmmdb.mmdb");
        Files.writeString(notMmdb, "this is not a database\n");
        Path empty = dir.resolve("empty.mmdb");
        Files.write(empty, new byte[0]);
        Path truncated = dir.resolve("truncated.mmdb");
        byte[] city = Files.readAllBytes(mmdb("GeoIP2-City-Test.mmdb"));
        Files.write(truncated, java.util.Arrays.copyOf(city, city.length / 2));
        String[][] cases = {
                {"--geoip-db", notMmdb.toString(), "notmmdb.mmdb", "not a readable MaxMind DB file"},
                {"--geoip-db", empty.toString(), "empty.mmdb", "not a readable MaxMind DB file"},
                {"--geoip-db", truncated.toString(), "truncated.mmdb", "not a readable MaxMind DB file"},
                {"--geoip-db", mmdb("GeoLite2-ASN-Test.mmdb").toString(), "GeoLite2-ASN-Test.mmdb", "holds AS data only, not locations"},
                {"--asn-db", mmdb("GeoIP2-City-Test.mmdb").toString(), "GeoIP2-City-Test.mmdb", "holds locations only, not AS data"},
                {"--geoip-db", mmdb("MaxMind-DB-test-ipv4-24.mmdb").toString(), "MaxMind-DB-test-ipv4-24.mmdb", "database type 'Test' has records with keys [ip]"},
                {"--location-db", mmdb("GeoIP2-City-Test.mmdb").toString(), "GeoIP2-City-Test.mmdb", "not an IPFire location.db"},
                {"--location-db", empty.toString(), "empty.mmdb", "not an IPFire location.db"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("--data-dir", dir.resolve("data").toString(), "geoip", c[0], c[1], "81.2.69.142");
            assertEquals(2, r.exitCode(), c[2] + ": " + r.out() + r.err());
            assertTrue(r.err().contains(c[2]) && r.err().contains(c[3]), c[2] + ": " + r.err());
            assertTrue(r.out().isEmpty(), "no answer from other data: " + r.out());
        }
        Path drop = dir.resolve("drop.txt");
        Files.writeString(drop, "hello world\nnot a cidr ; SBL1\n");
        CliRun d = CliRun.of("--data-dir", dir.resolve("data").toString(), "dnsbl", "--drop", drop.toString(), "1.10.16.1");
        assertEquals(2, d.exitCode(), d.out() + d.err());
        assertTrue(d.err().contains("drop.txt: line 1 is not a DROP entry"), d.err());
        Path comments = dir.resolve("comments.txt");
        Files.writeString(comments, "; only comments\n");
        CliRun c = CliRun.of("--data-dir", dir.resolve("data").toString(), "dnsbl", "--drop", comments.toString(), "1.10.16.1");
        assertEquals(2, c.exitCode(), c.out() + c.err());
        assertTrue(c.err().contains("comments.txt: no DROP entries"), c.err());
        CliRun doctor = CliRun.of("--data-dir", dir.toString(), "doctor", "--geoip-db", notMmdb.toString());
        assertEquals(2, doctor.exitCode());
        assertTrue(doctor.err().contains("notmmdb.mmdb"), doctor.err());
    }

    /** A real DB-IP Lite country file ("country ipvAll", records {country_code}) answers (fixtures/README.md). */
    @Test
    void dbIpLiteCountryFileAnswers() {
        CliRun r = CliRun.of("--data-dir", dir.resolve("data").toString(), "geoip", "--geoip-db", mmdb("dbip-country.mmdb").toString(),
                "8.8.8.8", "2.56.58.1", "2001:4860:4860::8888", "192.168.1.1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8.8.8.8              country ipvall:  US"), r.out());
        assertTrue(r.out().contains("2.56.58.1            country ipvall:  SG"), r.out());
        assertTrue(r.out().contains("2001:4860:4860::8888 country ipvall:  CA"), r.out());
        assertTrue(!r.out().contains("192.168.1.1          country ipvall"), r.out());
        assertTrue(Files.isDirectory(dir.resolve("data").resolve("ranges")), "its range table is stored in the data dir");
    }

    /** The embedded default is memory-mapped, not copied into the heap: a look-up works in a 64 MB heap, first run too. */
    @Test
    void lookupWorksInA64MegabyteHeap() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        for (int run = 0; run < 2; run++) { // the first run extracts and compiles, the second maps what is there
            Process p = new ProcessBuilder(javaBin.toString(), "-Xmx64m", "-cp", cp, WsTool.class.getName(),
                    "--data-dir", dir.resolve("small-heap").toString(), "geoip", "8.8.8.8")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "geoip did not end within 300 s");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), Files.readString(err));
            assertTrue(Files.readString(out).contains("8.8.8.8              geolite2-city:   US, United States"), Files.readString(out));
        }
    }

    @Test
    void updateOfflineAndUnknownFeed() {
        CliRun off = CliRun.of("--data-dir", dir.toString(), "update", "--offline");
        assertEquals(0, off.exitCode(), off.err());
        assertTrue(off.out().contains("dbip-city          missing  not downloaded yet"), off.out());
        assertTrue(off.out().contains("spamhaus-asndrop"), off.out());
        CliRun bad = CliRun.of("--data-dir", dir.toString(), "update", "--only", "nope");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("no data feed named 'nope'"), bad.err());
    }

    @Test
    void doctorShowsDataAgeOrderAndCredits() {
        CliRun r = CliRun.of("doctor"); // the tests' shared data dir: its tables are built once for all of them
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("GeoLite2 City + ASN built 2019-11"), r.out());
        assertTrue(r.out().contains("lookup order") && r.out().contains("iana-special"), r.out());
        assertTrue(r.out().contains("DB-IP") && r.out().contains("IPFire") && r.out().contains("MaxMind")
                && r.out().contains("Spamhaus"), r.out());
    }
}
