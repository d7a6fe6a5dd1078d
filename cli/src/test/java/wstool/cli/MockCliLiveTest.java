package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.linux.live.Cmd;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.live.MockNet;

/**
 * {@code ws_tool mock} live on Linux: the test client (python3) against the echo server in the test's namespace,
 * started by ws_tool in the mock's cgroup and traced; and the cleanup on every exit path: a normal end, SIGINT (as
 * Ctrl-C sends), and kill -9 followed by the next start, which sweeps what the dead run left. Root, bpftrace, nft, tc,
 * ip and python3; skips loudly elsewhere.
 */
class MockCliLiveTest {
    @TempDir
    static Path dir;
    static MockNet net;

    @BeforeAll
    static void network() throws Exception {
        LiveAssumptions.requireRootAndTools("bpftrace", "nft", "tc", "ip", "python3");
        net = new MockNet(dir);
    }

    @AfterAll
    static void teardown() {
        if (net != null) net.close();
    }

    private List<String> client(String mode, String arg, Path result) {
        List<String> c = net.clientCommand(mode, arg);
        c.add(result.toString());
        return c;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void refusedConnectIsSeenInTheTraceAndVerifyAndCounted() throws Exception {
        Path result = dir.resolve("refuse.txt");
        Path jsonl = dir.resolve("refuse.jsonl");
        List<String> args = new ArrayList<>(List.of("mock", "--refuse", "--host", net.serverAddress, "--no-tui",
                "--jsonl", jsonl.toString(), "--verify", "--duration", "90s", "--"));
        args.addAll(client("connect", "3", result));
        BackgroundCli cli = BackgroundCli.start(args.toArray(new String[0]));
        int code = cli.join(120);
        assertTrue(code >= 0, "ws_tool mock did not end with the program: " + cli.err());
        assertEquals("ECONNREFUSED", Files.readString(result).trim(), cli.err());
        String events = Files.readString(jsonl);
        assertTrue(events.contains("ECONNREFUSED"), "the trace shows the refused connect: " + events);
        assertTrue(cli.err().contains("WS004"), "--verify reports the failed connect: " + cli.err());
        assertTrue(cli.err().matches("(?s).*refuse \\(" + net.serverAddress.replace(".", "\\.") + "\\)\\s+1 packet answered.*"),
                cli.err());
        assertTrue(cli.err().contains("exited with code 0"), cli.err());
        assertEquals("", net.leftovers(), "nothing left after a normal end");
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void blackholedConnectTimesOutAndTheSecondClientIsNotAffected() throws Exception {
        Path result = dir.resolve("blackhole.txt");
        List<String> args = new ArrayList<>(List.of("mock", "--blackhole=" + net.serverAddress + ":" + MockNet.PORT,
                "--no-tui", "--jsonl", dir.resolve("bh.jsonl").toString(), "--duration", "90s", "--"));
        args.addAll(client("connect", "2", result));
        BackgroundCli cli = BackgroundCli.start(args.toArray(new String[0]));
        assertTrue(cli.awaitErr("mocking blackhole", 90), cli.err());
        assertEquals("OK", net.runClient("connect", "2"), "a second client alongside connects");
        assertTrue(cli.join(60) >= 0, cli.err());
        assertEquals("TIMEOUT", Files.readString(result).trim(), cli.err());
        assertTrue(cli.err().matches("(?s).*blackhole .*\\s+[1-9]\\d* packets? dropped.*"), cli.err());
        assertEquals("", net.leftovers());
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sigintRemovesEverythingAndEndsTheProgram() throws Exception {
        WsProcess ws = WsProcess.start("mock", "--rate", "64kbit," + net.serverAddress, "--blackhole=:9", "--no-tui",
                "--duration", "100s", "--", "sleep", "90");
        try {
            assertTrue(ws.awaitErr("mocking", 90), ws.err());
            assertTrue(net.leftovers().contains("ws_tool_mock_" + ws.pid()), net.leftovers());
            assertTrue(net.leftovers().contains("7773:"), "the tc tree is there: " + net.leftovers());
            Cmd.must(null, "kill", "-INT", Long.toString(ws.pid()));
            assertTrue(ws.process.waitFor(40, TimeUnit.SECONDS), "ws_tool did not end on SIGINT: " + ws.err());
            assertEquals("", net.leftovers(), "nothing left after Ctrl-C: " + ws.err());
            assertTrue(ws.err().contains("faults applied:"), ws.err());
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.parent().map(q -> q.pid() == ws.pid()).orElse(false)
                    && p.isAlive()), "the program ws_tool started was ended");
        } finally {
            ws.process.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void afterKillNineTheNextStartSweepsTheDeadRun() throws Exception {
        WsProcess ws = WsProcess.start("mock", "--rate", "64kbit," + net.serverAddress, "--loss", "5%,:9", "--no-tui",
                "--duration", "100s", "--", "sleep", "90");
        long orphan = -1;
        try {
            assertTrue(ws.awaitErr("mocking", 90), ws.err());
            orphan = ProcessHandle.allProcesses().filter(p -> p.parent().map(q -> q.pid() == ws.pid()).orElse(false))
                    .filter(p -> p.info().command().orElse("").endsWith("sleep")).findFirst().orElseThrow().pid();
            Cmd.must(null, "kill", "-9", Long.toString(ws.pid()));
            assertTrue(ws.process.waitFor(20, TimeUnit.SECONDS));
            String left = net.leftovers();
            assertTrue(left.contains("table inet ws_tool_mock_" + ws.pid()) && left.contains("table netdev ws_tool_mock_" + ws.pid())
                    && left.contains("7773:") && left.contains("mock_" + ws.pid() + "\n"), "kill -9 leaves the run behind: " + left);
            Path result = dir.resolve("after.txt");
            List<String> args = new ArrayList<>(List.of("mock", "--refuse=:9", "--no-tui", "--duration", "60s", "--"));
            args.addAll(client("connect", "3", result));
            BackgroundCli next = BackgroundCli.start(args.toArray(new String[0]));
            assertTrue(next.join(120) >= 0, next.err());
            assertTrue(next.err().contains("removed what a dead mock run left: table inet ws_tool_mock_" + ws.pid()), next.err());
            assertTrue(next.err().contains("removed what a dead mock run left: tc tree on " + net.rootDevice), next.err());
            assertTrue(next.err().contains("removed what a dead mock run left: socket trace of the dead run (bpftrace"), next.err());
            assertEquals("OK", Files.readString(result).trim(), "port 9 is refused, the echo port is not: " + next.err());
            assertEquals("", net.leftovers(), "nothing of either run is left");
        } finally {
            ws.process.destroyForcibly();
            if (orphan > 0) ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** ws_tool in a JVM of its own (so it can get SIGINT and kill -9), its stderr collected. */
    static final class WsProcess {
        final Process process;
        private final StringBuffer err = new StringBuffer();

        private WsProcess(Process p) {
            process = p;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) err.append(l).append('\n');
                } catch (java.io.IOException ended) {
                    // the process is gone
                }
            }, "ws_tool-stderr");
            t.setDaemon(true);
            t.start();
        }

        static WsProcess start(String... args) throws java.io.IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "wstool.cli.WsTool"));
            cmd.addAll(List.of(args));
            return new WsProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        long pid() { return process.pid(); }

        String err() { return err.toString(); }

        boolean awaitErr(String text, long seconds) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!err().contains(text) && process.isAlive() && System.nanoTime() < until) Thread.sleep(20);
            return err().contains(text);
        }
    }
}
