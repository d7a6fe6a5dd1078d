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
        assertTrue(inject.err().contains("--match may only contain"), inject.err());
        assertEquals(2, CliRun.of("firewall", "--nflog-group", "70000").exitCode());
        CliRun noTarget = CliRun.of("trace");
        assertEquals(2, noTarget.exitCode());
        assertTrue(noTarget.err().contains("choose exactly one of --pid N, --exe NAME or --all"), noTarget.err());
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
                child.getOutputStream().write("go\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                child.getOutputStream().close();
                assertTrue(child.waitFor(20, TimeUnit.SECONDS));
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
}
