package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.linux.live.LiveAssumptions;

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
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().close();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not finish");
            printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
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
}
