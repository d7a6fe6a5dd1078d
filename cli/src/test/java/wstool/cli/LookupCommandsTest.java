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
        CliRun r = CliRun.of("--data-dir", dir.resolve("empty").toString(), "geoip", "8.8.8.8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8.8.8.8              geolite2-city:   US, United States"), r.out());
    }

    @Test
    void asnAndJson() throws Exception {
        CliRun r = CliRun.of(args("asn", "1.128.0.1", "2001:8000::1", "10.1.1.1"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1.128.0.1            geolite2-asn:    AS1221, Telstra Pty Ltd"), r.out());
        assertTrue(r.out().contains("2001:8000::1         geolite2-asn:    AS1221"), r.out());
        assertTrue(r.out().contains("10.1.1.1             no answer from"), r.out());
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

    @Test
    void damagedDatabaseIsReportedNotFatal() throws Exception {
        Path bad = dir.resolve("bad.mmdb");
        Files.write(bad, new byte[] {1, 2, 3});
        CliRun r = CliRun.of("--data-dir", dir.toString(), "geoip", "--geoip-db", bad.toString(), "81.2.69.142");
        assertEquals(0, r.exitCode(), r.err());
        CliRun d = CliRun.of("--data-dir", dir.toString(), "doctor", "--geoip-db", bad.toString());
        assertTrue(d.out().contains("data problem") && d.out().contains("bad.mmdb"), d.out());
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
        CliRun r = CliRun.of("--data-dir", dir.toString(), "doctor");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("GeoLite2 City + ASN built 2019-11"), r.out());
        assertTrue(r.out().contains("lookup order") && r.out().contains("iana-special"), r.out());
        assertTrue(r.out().contains("DB-IP") && r.out().contains("IPFire") && r.out().contains("MaxMind")
                && r.out().contains("Spamhaus"), r.out());
    }
}
