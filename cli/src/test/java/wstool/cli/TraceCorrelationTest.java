package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.fixtures.Fixtures;
import wstool.correlate.FlowFields;

/**
 * {@code trace} has the correlation of {@code monitor} (the same {@link Correlation}): on a real capture (PerfView's
 * net.4.5.2.x64.etl, kernel TcpIp/UdpIp records) {@code --flows} folds its transfers into flows whose bytes and
 * packets are the sums of the events' own, with the Community ID of their 5-tuple (computed here from the spec, apart
 * from ws_tool).
 */
class TraceCorrelationTest {
    @TempDir
    Path dir;

    @Test
    void traceOfACaptureWritesFlowsWhoseBytesAreTheEventsSums() throws Exception {
        Path csv = dir.resolve("events.csv");
        Path flows = dir.resolve("flows.csv");
        CliRun r = CliRun.of("trace", "--etl", Fixtures.path("etl/net.4.5.2.x64.etl").toString(), "--all",
                "--providers", "tcpip-classic,udpip-classic", "--csv", csv.toString(), "--flows", flows.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("19 flows written"), r.err());
        assertTrue(r.err().contains("flows: " + flows), r.err());

        // the events' own sums per 5-tuple (either way round: a host hears its own broadcast), from the event CSV
        List<String[]> events = rows(csv);
        String[] eh = events.get(0);
        Map<String, long[]> sums = new HashMap<>();
        int sent = 0;
        for (String[] e : events.subList(1, events.size())) {
            if (!e[col(eh, "kind")].equals("SEND") && !e[col(eh, "kind")].equals("RECV")) continue;
            boolean send = e[col(eh, "kind")].equals("SEND");
            if (send) sent++;
            long[] s = sums.computeIfAbsent(key(e[col(eh, "protocol")], e[col(eh, "local_address")], e[col(eh, "local_port")],
                    e[col(eh, "remote_address")], e[col(eh, "remote_port")]), k -> new long[4]);
            long bytes = Long.parseLong(e[col(eh, "bytes")]);
            s[send ? 0 : 1] += bytes;
            if (send) s[2]++;
            else if (bytes > 0) s[3]++;
        }
        assertEquals(247, sent, "the capture's sends");

        List<String[]> out = rows(flows);
        String[] fh = out.get(0);
        assertEquals(FlowFields.NAMES, List.of(fh));
        assertEquals(20, out.size(), "a header and 19 flows");
        long outBytes = 0;
        for (String[] f : out.subList(1, out.size())) {
            String key = key(f[col(fh, "protocol")], f[col(fh, "local_address")], f[col(fh, "local_port")],
                    f[col(fh, "remote_address")], f[col(fh, "remote_port")]);
            long[] s = sums.get(key);
            assertTrue(s != null, "a flow of events that exist: " + key);
            assertEquals(s[0], Long.parseLong(f[col(fh, "out_bytes")]), key);
            assertEquals(s[1], Long.parseLong(f[col(fh, "in_bytes")]), key);
            assertEquals(s[2], Long.parseLong(f[col(fh, "out_packets")]), key);
            assertEquals(s[3], Long.parseLong(f[col(fh, "in_packets")]), key);
            outBytes += s[0];
            int proto = f[col(fh, "protocol")].equals("TCP") ? 6 : 17;
            assertEquals(communityId(proto, f[col(fh, "local_address")], Integer.parseInt(f[col(fh, "local_port")]),
                    f[col(fh, "remote_address")], Integer.parseInt(f[col(fh, "remote_port")])), f[col(fh, "community_id")], key);
            // the capture has no DNS answers (its 4 DNS-Client events are DnsServerForInterface), so no name
            assertEquals("", f[col(fh, "hostname")], key);
        }
        assertEquals(sums.size(), out.size() - 1, "every 5-tuple is one flow");
        assertTrue(outBytes > 11_000_000, "the four SMB connections' 11 MB out are in: " + outBytes);
        // the first SMB connection, read off the flow file once and matching the sums above
        String[] smb = out.stream().filter(f -> f[col(fh, "local_port")].equals("64023")).findFirst().orElseThrow();
        assertEquals(List.of("TCP", "445", "microsoft-ds", "OUT", "4", "System", "established", "end_of_input"),
                List.of(smb[col(fh, "protocol")], smb[col(fh, "remote_port")], smb[col(fh, "service")],
                        smb[col(fh, "direction")], smb[col(fh, "pid")], smb[col(fh, "process")], smb[col(fh, "outcome")],
                        smb[col(fh, "end_reason")]));
    }

    @Test
    void flowsOfATraceIsRefusedWhenItIsTheCapture() throws Exception {
        Path etl = dir.resolve("copy.etl");
        Files.copy(Fixtures.path("etl/smallEtlFile.etl"), etl);
        byte[] before = Files.readAllBytes(etl);
        CliRun r = CliRun.of("trace", "--etl", etl.toString(), "--all", "--flows", etl.toString(), "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--flows " + etl + " is the input " + etl + " itself"), r.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(etl)), "the capture is untouched");
    }

    /** "-" means standard output for the exports; for --flows it is refused, not made a file named "-". */
    @Test
    void flowsToStandardOutputIsRefused() throws Exception {
        CliRun r = CliRun.of("trace", "--etl", Fixtures.path("etl/smallEtlFile.etl").toString(), "--all",
                "--flows", "-", "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--flows needs a file name"), r.err());
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }

    /** --flows on the file of another output is refused before either file is created. */
    @Test
    void flowsOnTheFileOfAnotherOutputIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path out = dir.resolve("same.csv");
        CliRun r = CliRun.of("trace", "--etl", Fixtures.path("etl/smallEtlFile.etl").toString(), "--all",
                "--csv", out.toString(), "--flows", out.toString(), "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--csv " + out + " and --flows " + out + " are the same file"), r.err());
        assertFalse(Files.exists(out), "nothing was created");
    }

    /** Community ID v1, seed 0, as corelight/community-id-spec defines it. */
    static String communityId(int proto, String a, int aPort, String b, int bPort) throws Exception {
        byte[] x = InetAddress.getByName(a).getAddress(), y = InetAddress.getByName(b).getAddress();
        int c = Arrays.compareUnsigned(x, y);
        if (c > 0 || c == 0 && aPort > bPort) {
            byte[] t = x; x = y; y = t;
            int p = aPort; aPort = bPort; bPort = p;
        }
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(0);
        m.write(0);
        m.write(x);
        m.write(y);
        m.write(proto);
        m.write(0);
        m.write(aPort >> 8);
        m.write(aPort & 0xff);
        m.write(bPort >> 8);
        m.write(bPort & 0xff);
        return "1:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(m.toByteArray()));
    }

    private static String key(String proto, String a, String aPort, String b, String bPort) {
        String x = a + " " + aPort, y = b + " " + bPort;
        return proto + " " + (x.compareTo(y) < 0 ? x + " " + y : y + " " + x);
    }

    private static List<String[]> rows(Path csv) throws Exception {
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv)) {
            return reader.stream().map(rec -> rec.getFields().toArray(String[]::new)).toList();
        }
    }

    private static int col(String[] header, String name) {
        int i = List.of(header).indexOf(name);
        if (i < 0) throw new AssertionError("no column " + name);
        return i;
    }
}
