package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.sink.EventJson;
import wstool.linux.live.Cmd;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.live.NetnsPair;

/** ws_tool firewall / trace on Linux: option checks everywhere, and a live end-to-end run as root. */
class LinuxCommandsTest {
    @TempDir
    Path dir;

    @Test
    void badOptionsAreUsageErrors() {
        CliRun noInstall = CliRun.of("firewall", "--match", "tcp dport 22");
        assertEquals(2, noInstall.exitCode());
        assertTrue(noInstall.err().contains("--match needs --install-rule"), noInstall.err());
        CliRun inject = CliRun.of("firewall", "--install-rule", "--match", "tcp dport 22; flush ruleset");
        assertEquals(2, inject.exitCode());
        assertTrue(inject.err().contains("--match: an nft match expression may only contain"), inject.err());
        assertEquals(2, CliRun.of("firewall", "--nflog-group", "70000").exitCode());
        CliRun noTarget = CliRun.of("trace");
        assertEquals(2, noTarget.exitCode());
        assertTrue(noTarget.err().contains("Missing required argument (specify one of these): (--pid=PID"), noTarget.err());
        assertEquals(2, CliRun.of("trace", "--exe", "a\"b").exitCode());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void traceOfAChildProcessWritesItsSocketCalls() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "bpftrace", "python3");
        try (NetnsPair ns = new NetnsPair("ct")) {
            Process child = new ProcessBuilder("ip", "netns", "exec", ns.client, "python3", "-c", String.join("\n",
                    "import socket, sys", "sys.stdin.readline()",
                    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                    "s.sendto(b'0123456789', ('127.0.0.1', 9))", "s.close()", "print('done', flush=True)", ""))
                    .redirectErrorStream(true).start();
            Path out = dir.resolve("trace.jsonl");
            BackgroundCli cli = BackgroundCli.start("trace", "--pid", Long.toString(child.pid()),
                    "--jsonl", out.toString(), "--duration", "40s", "--max-events", "3");
            int code;
            try {
                assertTrue(cli.awaitErr("tracing socket calls of pid " + child.pid(), 60), cli.err());
                GatedChild.release(child, 20);
                code = cli.join(30);
            } finally {
                child.destroyForcibly();
            }
            assertEquals(0, code, cli.err());
            java.util.List<String> lines = Files.readAllLines(out);
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertEquals(java.util.List.of("CREATE", "SENDTO", "CLOSE"),
                    lines.stream().map(l -> EventJson.read(l).kind()).toList());
            wstool.core.model.SocketEvent send = (wstool.core.model.SocketEvent) EventJson.read(lines.get(1));
            assertEquals(10, send.bytes());
            assertEquals(9, send.header().remote().port());
            assertEquals(child.pid(), send.header().pid());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tracePidEndsWithinASecondOfTheProcessExitAndAMissingPidIsAUsageError() throws Exception {
        LiveAssumptions.requireRootAndTools("bpftrace", "python3");
        Process done = new ProcessBuilder("true").start();
        assertTrue(done.waitFor(10, TimeUnit.SECONDS));
        long gone = done.pid(); // a pid that has just exited (and is reaped)
        long t0 = System.nanoTime();
        CliRun missing = CliRun.of("trace", "--pid", Long.toString(gone), "--no-tui", "--duration", "60s");
        long missingMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--pid: no process with PID " + gone + " is running"), missing.err());
        assertTrue(missingMillis < 5_000, "the missing pid failed at once, not after " + missingMillis + " ms");

        Process child = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys", "sys.stdin.readline()",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)", "s.close()", ""))
                .redirectErrorStream(true).start();
        BackgroundCli cli = BackgroundCli.start("trace", "--pid", Long.toString(child.pid()), "--no-tui", "--duration", "60s");
        try {
            assertTrue(cli.awaitErr("tracing socket calls of pid " + child.pid(), 60), cli.err());
            GatedChild.release(child, 20);
            long exited = System.nanoTime();
            int code = cli.join(5);
            long endedMillis = (System.nanoTime() - exited) / 1_000_000;
            assertEquals(0, code, "the trace ended by itself: " + cli.err());
            assertTrue(endedMillis < 1000, "the trace ended " + endedMillis + " ms after the process exit");
            assertTrue(cli.out().contains("CREATE") && cli.out().contains("process exit (code 0)"), cli.out());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void firewallWithInstalledRuleWritesDropsToJsonl() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft");
        try (NetnsPair ns = new NetnsPair("cli")) {
            ns.nftInServer("table inet filter {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                    + "  tcp dport 7001 drop\n }\n}\n");
            Path out = dir.resolve("fw.jsonl");
            // test data mapping the private test subnet 10.213.0.0/16 (Tor geoip: decimal ranges) and a DROP listing
            Path geoip = dir.resolve("geoip");
            Files.writeString(geoip, "# test\n181731328,181796863,NL\n");
            Path dropList = dir.resolve("drop.txt");
            Files.writeString(dropList, "; test DROP list\n10.213.0.0/16 ; SBL999213\n");
            BackgroundCli cli = BackgroundCli.start("firewall", "--nflog-group", "215", "--netns", ns.server,
                    "--install-rule", "--match", "tcp dport { 7001, 7005 }", "--jsonl", out.toString(), "--duration", "30s",
                    "--max-events", "1", "--geoip-db", geoip.toString(), "--drop", dropList.toString());
            assertTrue(cli.awaitErr("ws_tool: listening on NFLOG group 215", 30), cli.err());
            int port = ns.inClient(() -> {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(ns.clientAddress, 0));
                    int p = s.getLocalPort();
                    try {
                        s.connect(new InetSocketAddress(ns.serverAddress, 7001), 300);
                    } catch (java.io.IOException expected) {
                        // dropped
                    }
                    return p;
                }
            });
            int exit = cli.join(20);
            assertEquals(0, exit, "the CLI did not end after its first event: " + cli.err());
            FirewallEvent dropEvent = null;
            for (String line : Files.readAllLines(out)) {
                NetEvent e = EventJson.read(line);
                if (e instanceof FirewallEvent f && f.header().local().port() == 7001 && f.header().remote().port() == port) dropEvent = f;
            }
            FirewallEvent drop = dropEvent;
            assertNotNull(drop, "no drop for the client's connection in " + Files.readString(out));
            assertEquals("DROP", drop.kind());
            assertEquals(ns.clientAddress, drop.header().remote().address());
            assertEquals("IN", drop.direction().name());
            assertEquals("NL", drop.header().enrichment().countryCode(), drop.header().enrichment().toString());
            assertEquals("SBL999213", drop.header().enrichment().dropId(), drop.header().enrichment().toString());
            assertTrue(!Cmd.must(null, "ip", "netns", "exec", ns.server, "nft", "list", "tables").contains("ws_tool"),
                    "the CLI left its nftables table behind");
        }
    }

    /**
     * Two real {@code ws_tool firewall --install-rule} processes at once on different groups: each owns its table and
     * reports every one of N silent drops; both tables are gone when they end. Then an instance killed with -9
     * leaves its table, and the next instance removes it (and says so) while a live instance's table stays.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoInstancesEachSeeEveryDropAndAKilledInstancesTableIsRemovedAtTheNextStart() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft");
        int n = 5;
        try (NetnsPair ns = new NetnsPair("two")) {
            ns.nftInServer("table inet filter {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                    + "  tcp dport 7001 drop\n }\n}\n");
            Path outA = dir.resolve("a.jsonl"), outB = dir.resolve("b.jsonl");
            ChildCli a = ChildCli.start(dir, "firewall", "--nflog-group", "216", "--netns", ns.server, "--install-rule",
                    "--jsonl", outA.toString(), "--max-events", Integer.toString(n), "--duration", "60s");
            ChildCli b = ChildCli.start(dir, "firewall", "--nflog-group", "217", "--netns", ns.server, "--install-rule",
                    "--jsonl", outB.toString(), "--max-events", Integer.toString(n), "--duration", "60s");
            try {
                assertTrue(a.awaitErr("listening on NFLOG group 216", 60), a.err());
                assertTrue(b.awaitErr("listening on NFLOG group 217", 60), b.err());
                String tables = nftTables(ns);
                assertTrue(tables.contains("table inet ws_tool_" + a.pid() + "\n")
                        && tables.contains("table inet ws_tool_" + b.pid() + "\n"), tables);
                java.util.Set<Integer> sent = new java.util.TreeSet<>();
                for (int i = 0; i < n; i++) sent.add(droppedConnect(ns));
                assertEquals(0, a.waitFor(20), "instance A ended after its " + n + " events: " + a.err());
                assertEquals(0, b.waitFor(20), "instance B ended after its " + n + " events: " + b.err());
                assertEquals(sent, dropPorts(outA), "A saw every drop");
                assertEquals(sent, dropPorts(outB), "B saw every drop");
                assertTrue(!nftTables(ns).contains("ws_tool"), "both tables removed: " + nftTables(ns));
            } finally {
                a.kill();
                b.kill();
            }

            ChildCli killed = ChildCli.start(dir, "firewall", "--nflog-group", "218", "--netns", ns.server, "--install-rule",
                    "--jsonl", dir.resolve("k.jsonl").toString(), "--duration", "60s");
            ChildCli live = ChildCli.start(dir, "firewall", "--nflog-group", "219", "--netns", ns.server, "--install-rule",
                    "--jsonl", dir.resolve("l.jsonl").toString(), "--duration", "60s");
            ChildCli next = null;
            try {
                assertTrue(killed.awaitErr("listening on NFLOG group 218", 60), killed.err());
                assertTrue(live.awaitErr("listening on NFLOG group 219", 60), live.err());
                String stale = "ws_tool_" + killed.pid();
                killed.kill(); // SIGKILL: no shutdown hook runs
                assertTrue(nftTables(ns).contains("table inet " + stale + "\n"), "the -9 leaves its table: " + nftTables(ns));
                next = ChildCli.start(dir, "firewall", "--nflog-group", "218", "--netns", ns.server, "--install-rule",
                        "--jsonl", dir.resolve("n.jsonl").toString(), "--duration", "60s");
                assertTrue(next.awaitErr("listening on NFLOG group 218", 60), next.err());
                assertTrue(next.err().contains("ws_tool: removed table inet " + stale + " left by a ws_tool instance that is gone"),
                        next.err());
                String tables = nftTables(ns);
                assertTrue(!tables.contains(stale + "\n"), tables);
                assertTrue(tables.contains("table inet ws_tool_" + live.pid() + "\n"), "a live instance's table stays: " + tables);
                assertTrue(tables.contains("table inet ws_tool_" + next.pid() + "\n"), tables);
                live.terminate();
                next.terminate();
                // the JVM ends on SIGTERM with 128 + 15 once its shutdown hooks (the table's removal) have run
                assertEquals(143, live.waitFor(20), live.err());
                assertEquals(143, next.waitFor(20), next.err());
                assertTrue(!nftTables(ns).contains("ws_tool"), "SIGTERM removes the tables: " + nftTables(ns));
            } finally {
                killed.kill();
                live.kill();
                if (next != null) next.kill();
            }
        }
    }

    /** One connect from the client to the server's silently dropped port 7001; returns the client's port. */
    private static int droppedConnect(NetnsPair ns) throws Exception {
        return ns.inClient(() -> {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(ns.clientAddress, 0));
                try {
                    s.connect(new InetSocketAddress(ns.serverAddress, 7001), 200);
                } catch (java.io.IOException expected) {
                    // dropped: the connect times out
                }
                return s.getLocalPort();
            }
        });
    }

    private static java.util.Set<Integer> dropPorts(Path jsonl) throws java.io.IOException {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (EventJson.read(line) instanceof FirewallEvent f && f.kind().equals("DROP") && f.header().local().port() == 7001) {
                ports.add(f.header().remote().port());
            }
        }
        return ports;
    }

    private static String nftTables(NetnsPair ns) throws Exception {
        return Cmd.must(null, "ip", "netns", "exec", ns.server, "nft", "list", "tables");
    }
}
