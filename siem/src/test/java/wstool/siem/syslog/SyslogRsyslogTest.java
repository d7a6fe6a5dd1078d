package wstool.siem.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.Events;
import wstool.core.model.NetEvent;
import wstool.siem.ecs.EcsContext;

/**
 * Forwarding to a real rsyslog (see {@link Rsyslog}): N events arrive parseable (RFC 5424 fields as rsyslog parsed
 * them, MSG = valid ECS JSON), in order, through octet-counted TCP and TLS; a SIGKILL of the collector mid-stream
 * and a restart lose nothing (duplicates counted, allowed); a certificate problem names the host.
 */
@Timeout(180)
class SyslogRsyslogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EcsContext CONTEXT = new EcsContext("0.1.0", "linux", null);
    private static final Delivery.Limits FAST = new Delivery.Limits(500, 64L << 20, 8L << 20, 50, 400);
    @TempDir Path dir;

    private static NetEvent event(int i) {
        NetEvent e = Events.connect(i, "app.exe", "93.184.216.34", 443);
        return e.withHeader(e.header().withHost("TESTHOST"));
    }

    /** Parses rsyslog's lines; checks every field; returns the sequence numbers (process.pid) in arrival order. */
    private static List<Integer> sequence(List<String> lines) throws IOException {
        List<Integer> seq = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\\|", 5);
            assertEquals(5, f.length, "rsyslog parsed the fields: " + l);
            assertEquals("1", f[0], "RFC 5424 VERSION: " + l);
            assertEquals("ws_tool", f[1], "APP-NAME: " + l);
            assertEquals("TESTHOST", f[2], "HOSTNAME: " + l);
            assertEquals("socket", f[3], "MSGID: " + l);
            JsonNode doc = JSON.readTree(f[4].strip());
            assertEquals("9.4.0", doc.at("/ecs/version").asText(), l);
            seq.add(doc.at("/process/pid").asInt());
        }
        return seq;
    }

    /** Every 0..n-1 at least once, and first arrivals in order; returns the number of duplicates. */
    private static int assertAllInOrder(List<Integer> seq, int n) {
        Set<Integer> seen = new HashSet<>();
        int last = -1;
        int dups = 0;
        for (int s : seq) {
            if (!seen.add(s)) {
                dups++;
                continue;
            }
            assertEquals(last + 1, s, "first arrivals in order, none missing before " + s);
            last = s;
        }
        assertEquals(n, seen.size(), "zero lost: " + (n - seen.size()) + " of " + n + " never arrived");
        return dups;
    }

    private SyslogForwarder forwarder(String url, SSLContext tls) throws IOException {
        return new SyslogForwarder(List.of(SyslogUrl.parse(url)), SyslogForwarder.Format.ECS, tls, dir.resolve("spool"),
                CONTEXT, FAST, SyslogForwarder.MAX_MESSAGE_BYTES);
    }

    private void killAndRestartMidStream(Rsyslog rs, String url, SSLContext tls, int n) throws Exception {
        rs.start();
        SyslogForwarder f = forwarder(url, tls);
        for (int i = 0; i < n / 2; i++) f.accept(event(i));
        rs.awaitLines(l -> l.size() >= n / 6, Duration.ofSeconds(30));
        rs.kill();
        for (int i = n / 2; i < n; i++) f.accept(event(i)); // the collector is down: memory queue, then spool
        rs.start();
        List<String> lines = rs.awaitLines(l -> {
            try {
                return new HashSet<>(sequence(l)).size() >= n;
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(90));
        f.close();
        int dups = assertAllInOrder(sequence(lines), n);
        SyslogStats s = f.stats().get(0);
        System.out.printf("%s: %d events, %d lines received, %d duplicates, %d resent, %d through the spool, %d reconnects%n",
                url, n, lines.size(), dups, s.resent(), s.spooled(), s.reconnects());
        assertEquals(0, s.lost());
        assertTrue(s.reconnects() >= 1, "it reconnected after the kill");
        assertTrue(s.spooled() > 0, "while the collector was down, messages went through the spool");
        assertEquals(0, s.leftInSpool());
    }

    @Test
    void tcpSurvivesACollectorKilledMidStreamWithZeroLoss() throws Exception {
        Rsyslog.assumeInstalled(false);
        try (Rsyslog rs = new Rsyslog(dir, null)) {
            killAndRestartMidStream(rs, "tcp://127.0.0.1:" + rs.tcpPort, TlsTrust.system(), 3000);
        }
    }

    @Test
    void tlsWithTheTestCaSurvivesACollectorKilledMidStreamWithZeroLoss() throws Exception {
        Rsyslog.assumeInstalled(true);
        TestCa.ServerCert cert = TestCa.make(dir);
        try (Rsyslog rs = new Rsyslog(dir, cert)) {
            killAndRestartMidStream(rs, "tls://localhost:" + rs.tcpPort, TlsTrust.fromCaFile(cert.ca()), 2000);
        }
    }

    @Test
    void aCertificateProblemNamesTheHost() throws Exception {
        Rsyslog.assumeInstalled(true);
        TestCa.ServerCert cert = TestCa.make(dir);
        try (Rsyslog rs = new Rsyslog(dir, cert)) {
            rs.start();
            IOException untrusted = assertThrows(Connection.CertificateProblem.class,
                    () -> forwarder("tls://localhost:" + rs.tcpPort, TlsTrust.system()));
            assertTrue(untrusted.getMessage().contains("localhost:" + rs.tcpPort), untrusted.getMessage());
            // the CA is trusted, but the certificate names localhost only: host name verification refuses 127.0.0.1
            IOException wrongName = assertThrows(Connection.CertificateProblem.class,
                    () -> forwarder("tls://127.0.0.1:" + rs.tcpPort, TlsTrust.fromCaFile(cert.ca())));
            assertTrue(wrongName.getMessage().contains("127.0.0.1:" + rs.tcpPort), wrongName.getMessage());
        }
    }

    @Test
    void udpDeliversInOrderAndCutsWhatIsTooLong() throws Exception {
        Rsyslog.assumeInstalled(false);
        try (Rsyslog rs = new Rsyslog(dir, null)) {
            rs.start();
            SyslogForwarder f = forwarder("udp://127.0.0.1:" + rs.udpPort, null);
            int n = 100;
            for (int i = 0; i < n; i++) f.accept(event(i));
            NetEvent big = event(n);
            big = big.withHeader(new wstool.core.model.EventHeader(big.header().timestamp(), big.header().source(),
                    n, "app.exe", null, 6, big.header().local(), big.header().remote(), Map.of("huge", "x".repeat(20_000)),
                    null, "TESTHOST"));
            f.accept(big);
            List<String> lines = rs.awaitLines(l -> l.size() >= n + 1, Duration.ofSeconds(30));
            f.close();
            assertEquals(n + 1, lines.size(), "loopback UDP below the size limit: nothing lost");
            assertAllInOrder(sequence(lines.subList(0, n)), n);
            String cut = lines.get(n);
            assertTrue(cut.length() < SyslogForwarder.MAX_MESSAGE_BYTES && cut.length() > SyslogForwarder.MAX_MESSAGE_BYTES - 200,
                    "the long message arrives cut to the limit: " + cut.length());
            assertEquals(1, f.stats().get(0).truncated());
        }
    }
}
