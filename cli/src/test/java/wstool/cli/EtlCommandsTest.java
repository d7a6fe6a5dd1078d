package wstool.cli;

import wstool.core.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.sink.EventJson;

/** trace --etl and etl-info on the real Windows 7 capture (per-PID counts read independently with Python). */
class EtlCommandsTest {
    @TempDir
    Path dir;

    static Path etl() {
        return Fixtures.path("etl/KernelNetwork.etl");
    }

    @Test
    void traceOnePidToJsonlWithSummaryAfter() throws Exception {
        Path jsonl = dir.resolve("t.jsonl");
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--pid", "2432", "--jsonl", jsonl.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(156, lines.size());
        for (String line : lines) {
            NetEvent e = EventJson.read(line);
            assertEquals(2432, e.header().pid());
            assertTrue(e instanceof SocketEvent);
        }
        assertTrue(r.err().contains("ETL summary: 8923 events (8923 attributed"), r.err());
        assertTrue(r.err().contains("Microsoft-Windows-Kernel-Network: 8923"), r.err());
    }

    @Test
    void traceAllToCsvAndProviderSelection() throws Exception {
        Path csv = dir.resolve("all.csv");
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--all", "--csv", csv.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(8924, Files.readAllLines(csv).size(), "header + 8923 rows");

        Path none = dir.resolve("none.csv");
        CliRun afdOnly = CliRun.of("trace", "--etl", etl().toString(), "--all", "--providers", "afd,{55404e71-4db9-4deb-a5f5-8f86e46dde56}",
                "--csv", none.toString(), "--no-tui");
        assertEquals(0, afdOnly.exitCode(), afdOnly.err());
        assertEquals(1, Files.readAllLines(none).size());
        assertTrue(afdOnly.err().contains("8923 of other providers skipped"), afdOnly.err());
    }

    @Test
    void exeWithoutProcessNamesMatchesNothingAndSaysWhy() {
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--exe", "chrome.exe", "--csv", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().lines().count(), "CSV header only: " + r.out());
        assertTrue(r.err().contains("no kernel Process records: events carry PIDs only (--exe cannot match)"), r.err());
    }

    @Test
    void usageAndDamagedFileErrors() throws Exception {
        CliRun noChoice = CliRun.of("trace", "--etl", etl().toString(), "--no-tui");
        assertEquals(2, noChoice.exitCode());
        assertTrue(noChoice.err().contains("Missing required argument (specify one of these): (--pid=PID"), noChoice.err());
        CliRun badProvider = CliRun.of("trace", "--etl", etl().toString(), "--all", "--providers", "smtp");
        assertEquals(2, badProvider.exitCode());

        Path cut = dir.resolve("cut.etl");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(etl()), 8192 * 3 + 1000));
        CliRun damaged = CliRun.of("trace", "--etl", cut.toString(), "--all", "--csv", dir.resolve("x.csv").toString(), "--no-tui");
        assertEquals(1, damaged.exitCode(), damaged.err());
        assertTrue(damaged.err().contains("truncated") && damaged.err().contains("byte offset 25576"), damaged.err());
        assertTrue(damaged.err().contains("cut.etl: 1 damaged place"), damaged.err());
        assertTrue(damaged.err().contains("damaged: 1 place, each skipped to the next buffer; first: file truncated"),
                "summary after the error: " + damaged.err());

        CliRun info = CliRun.of("etl-info", cut.toString());
        assertEquals(1, info.exitCode());
        assertTrue(info.out().contains("ETL summary: "), "counts before the damage: " + info.out());
        assertTrue(info.err().contains("byte offset 25576"), info.err());
    }

    @Test
    void etlInfoPrintsHeaderAndCounts() {
        CliRun r = CliRun.of("etl-info", etl().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("logger: DataCollector01"), r.out());
        assertTrue(r.out().contains("build 7601, 4 CPUs"), r.out());
        assertTrue(r.out().contains("ETL summary: 8923 events"), r.out());
        assertTrue(r.out().contains("id 10: 575; id 11: 7968"), r.out());
        assertTrue(r.out().contains("8923 EVENT_HEADER, 0 classic; 129 buffers\n"), r.out());
    }

    /** Issue 14: a compressed PerfView merge reads in both commands with the same counts. */
    @Test
    void compressedCaptureSameCountsInEtlInfoAndTrace() throws Exception {
        Path net = Fixtures.path("etl/net.4.5.2.x64.etl");
        CliRun info = CliRun.of("etl-info", net.toString());
        assertEquals(0, info.exitCode(), info.err());
        Path csv = dir.resolve("net.csv");
        CliRun trace = CliRun.of("trace", "--etl", net.toString(), "--all", "--csv", csv.toString(), "--no-tui");
        assertEquals(0, trace.exitCode(), trace.err());
        // 68,143 EVENT_HEADER + 7,983 classic (EVENT_TRACE_HEADER) + 490 TcpIp + 36 UdpIp kernel records
        String counts = "ETL summary: 76652 events";
        String kinds = "68143 EVENT_HEADER, 8509 classic; 360 buffers (359 compressed)";
        String groups = "kernel records per group: CONFIG 248; FILE 3084; HEADER 7; IMAGE 3563; IO 2462; MEMORY 153; "
                + "PERFINFO 79530; PROCESS 136; STACKWALK 12280; TCPIP 490; THREAD 1358; UDPIP 36";
        for (String s : new String[]{counts, kinds, groups, "kernel TcpIp: 490 — id 26: 240; id 27: 250"}) {
            assertTrue(info.out().contains(s), s + " in " + info.out());
            assertTrue(trace.err().contains(s), s + " in " + trace.err());
        }
        assertTrue(trace.err().contains("process names: 33 from kernel Process records"), trace.err());
        assertTrue(!info.out().contains("outside the logfile's window"), "a sound file: " + info.out());
        // every event a row, plus the ProcessExit of Test.x64.exe
        assertEquals(1 + 76652 + 1, Files.readAllLines(csv).size());
    }
}
