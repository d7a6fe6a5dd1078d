package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.sink.EventJson;
import wstool.linux.live.Cmd;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.live.NetnsPair;

/**
 * {@code ws_tool trace --pid N --verify-report} live on Linux: a child connects on a socket fd it has closed, then
 * opens a socket that reuses the fd number and exits without closing it. No traffic leaves the process (the connect
 * fails with EBADF). The backend reports the exit (5th event), so the leak is an error. Root, bpftrace and python3
 * only; skips loudly elsewhere.
 */
class VerifyLinuxLiveTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void traceVerifyCatchesUseAfterCloseAndTheLeakAndExitsThree() throws Exception {
        LiveAssumptions.requireRootAndTools("bpftrace", "python3");
        Process child = new ProcessBuilder("python3", "-c", String.join("\n",
                "import ctypes, os, socket, sys", "sys.stdin.readline()",
                "a = socket.socket(); fd = a.fileno(); a.close()",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "libc.connect(fd, bytes([2, 0, 0, 9, 127, 0, 0, 1] + [0] * 8), 16)",
                "b = socket.socket()   # takes the same fd number: a new socket, not a use after close",
                "print(fd, b.fileno(), flush=True)", "os._exit(0)", "")).redirectErrorStream(true).start();
        Path json = dir.resolve("verify.json");
        BackgroundCli cli = BackgroundCli.start("trace", "--pid", Long.toString(child.pid()),
                "--verify-report", json.toString(), "--no-tui", "--duration", "40s", "--max-events", "5");
        String printed;
        int code;
        try {
            assertTrue(cli.awaitErr("tracing socket calls of pid " + child.pid(), 60), cli.err());
            printed = GatedChild.release(child, 20);
            code = cli.join(30);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(3, code, cli.err());
        String[] fds = printed.split(" ");
        assertEquals(fds[0], fds[1], "the fd number was reused: " + printed);
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        JsonNode findings = n.at("/processes/0/findings");
        assertEquals(child.pid(), n.at("/processes/0/pid").asLong());
        StringBuilder codes = new StringBuilder();
        for (JsonNode f : findings) codes.append(f.get("code").asText()).append(':').append(f.get("severity").asText()).append(' ');
        assertEquals("WS001:error WS002:error WS004:warning ", codes.toString(), cli.err());
        assertEquals("fd " + fds[0], findings.get(1).get("endpoint").asText().split(" TCP")[0]);
        assertEquals("EBADF", findings.get(2).at("/details/status").asText());
        assertTrue(cli.err().contains("WS002 USE_AFTER_CLOSE  error  fd " + fds[0]), cli.err());
    }

    /**
     * Non-blocking connects that fail after returning EINPROGRESS: to a closed port (RST: ECONNREFUSED), to a port
     * whose SYNs the server namespace drops, given up by the program after 1 s (closed while connecting: ECANCELED),
     * and the same left to the kernel with one SYN retry (ETIMEDOUT). Each is reported as the connect's completion
     * with that errno, and --verify reports them as WS004. Traffic only between the test's two namespaces.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void failedNonBlockingConnectsAreReportedAndVerifyCountsThem() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "nft", "bpftrace", "python3");
        try (NetnsPair ns = new NetnsPair("nb")) {
            ns.nftInServer("table inet wst_test {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                    + "  tcp dport 7009 drop\n }\n}\n");
            Cmd.must(null, "ip", "netns", "exec", ns.client, "sysctl", "-q", "-w", "net.ipv4.tcp_syn_retries=1");
            String server = ns.serverAddress.getHostAddress();
            Process child = new ProcessBuilder("ip", "netns", "exec", ns.client, "python3", "-c", String.join("\n",
                    "import select, socket, sys", "sys.stdin.readline()",
                    "def nb(port, wait):",
                    "    s = socket.socket(); s.setblocking(False)",
                    "    r = s.connect_ex(('" + server + "', port))",
                    "    select.select([], [s], [], wait)",
                    "    e = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR); s.close(); return r, e",
                    "refused = nb(7008, 5)",
                    "try:",
                    "    socket.create_connection(('" + server + "', 7009), timeout=1)",
                    "    given_up = 'connected'",
                    "except TimeoutError:",
                    "    given_up = 'timeout'",
                    "timed_out = nb(7009, 10)",
                    "print(refused, given_up, timed_out, flush=True)", "")).redirectErrorStream(true).start();
            Path json = dir.resolve("nb.json");
            Path events = dir.resolve("nb.jsonl");
            BackgroundCli cli = BackgroundCli.start("trace", "--pid", Long.toString(child.pid()), "--verify-report",
                    json.toString(), "--jsonl", events.toString(), "--duration", "60s");
            String printed;
            int code;
            try {
                assertTrue(cli.awaitErr("tracing socket calls of pid " + child.pid(), 60), cli.err());
                printed = GatedChild.release(child, 30);
                code = cli.join(10);
            } finally {
                child.destroyForcibly();
            }
            // what the program itself saw (SO_ERROR): the independent answer
            assertEquals("(115, 111) timeout (115, 110)", printed);
            assertEquals(0, code, "WS004 is a warning, no error: " + cli.err());
            List<String> connects = new ArrayList<>();
            for (String line : Files.readAllLines(events)) {
                if (EventJson.read(line) instanceof SocketEvent e && e.op() == SocketOp.CONNECT) {
                    connects.add(e.header().remote().port() + " " + e.statusName());
                }
            }
            assertEquals(List.of("7008 EINPROGRESS", "7008 ECONNREFUSED", "7009 EINPROGRESS", "7009 ECANCELED",
                    "7009 EINPROGRESS", "7009 ETIMEDOUT"), connects);
            JsonNode n = new ObjectMapper().readTree(json.toFile());
            List<String> failed = new ArrayList<>();
            for (JsonNode f : n.at("/processes/0/findings")) {
                if (f.get("code").asText().equals("WS004")) failed.add(f.at("/details/status").asText());
            }
            assertEquals(List.of("ECONNREFUSED", "ECANCELED", "ETIMEDOUT"), failed, n.toString());
        }
    }
}
