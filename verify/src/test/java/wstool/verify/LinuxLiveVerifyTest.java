package wstool.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.model.ProcessExit;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.trace.LinuxTraceSource;
import wstool.core.filter.TraceTarget;

/**
 * Two child processes misuse sockets for real and the Linux trace backend (bpftrace) feeds the verifier: one leaks a
 * socket (exits without close()), one calls connect() and send() on a socket fd it has closed. The leak is an
 * error at the exit the backend reports (sched_process_exit), not a warning at the end of the trace. No network traffic at all: the
 * calls fail or never leave the host. Needs root, bpftrace and python3; skips LOUDLY elsewhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinuxLiveVerifyTest {
    private static final String LEAKER = String.join("\n",
            "import os, socket, sys",
            "sys.stdin.readline()",
            "s = socket.socket()",
            "print(s.fileno(), flush=True)",
            "os._exit(0)   # no close(): the kernel reclaims the fd at exit",
            "");
    private static final String CLOSED_FD_USER = String.join("\n",
            "import ctypes, socket, sys",
            "sys.stdin.readline()",
            "s = socket.socket()",
            "fd = s.fileno()",
            "s.close()",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "sa = bytes([2, 0, 0, 9, 127, 0, 0, 1] + [0] * 8)   # 127.0.0.1:9, never reached",
            "r = libc.connect(fd, sa, 16)",
            "e = ctypes.get_errno()",
            "w = libc.send(fd, b'x', 1, 0)",
            "print(fd, r, e, w, ctypes.get_errno(), flush=True)",
            "");

    @Test
    void leakedSocketAndUseOfAClosedFdAreCaughtLive() throws Exception {
        LiveAssumptions.requireRootAndTools("bpftrace", "python3");
        Process leaker = new ProcessBuilder("python3", "-c", LEAKER).redirectErrorStream(true).start();
        Process user = new ProcessBuilder("python3", "-c", CLOSED_FD_USER).redirectErrorStream(true).start();
        SocketVerifier verifier = new SocketVerifier();
        Set<Long> exited = ConcurrentHashMap.newKeySet();
        LinuxTraceSource source = new LinuxTraceSource(TraceTarget.pids(List.of(leaker.pid(), user.pid())));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                source.run(e -> {
                    verifier.accept(e);
                    if (ProcessExit.is(e)) exited.add(e.header().pid());
                    return true;
                });
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "verify-live");
        t.start();
        String leakOut, userOut;
        try {
            LiveAssumptions.awaitReady(source::ready, failures, 60);
            for (Process p : List.of(leaker, user)) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            assertTrue(leaker.waitFor(20, TimeUnit.SECONDS) && user.waitFor(20, TimeUnit.SECONDS), "children did not finish");
            leakOut = new String(leaker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            userOut = new String(user.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // a process's exit is reported after its last socket call: both exits mean every call is in
            while (System.nanoTime() < until && exited.size() < 2) Thread.sleep(20);
            assertEquals(Set.of(leaker.pid(), user.pid()), exited, "both exits reported within 10 s");
        } finally {
            source.stop();
            t.join(10_000);
            leaker.destroyForcibly();
            user.destroyForcibly();
        }
        assertTrue(!t.isAlive(), "trace source did not stop");
        LiveAssumptions.assertNoFailure(failures);
        long leakedFd = Long.parseLong(leakOut);
        String[] u = userOut.split(" ");
        assertEquals("-1", u[1], "connect on the closed fd failed: " + userOut);
        assertEquals("9", u[2], "with EBADF: " + userOut);
        assertEquals("-1", u[3], "send on the closed fd failed: " + userOut);
        assertEquals("9", u[4], "with EBADF: " + userOut);
        long closedFd = Long.parseLong(u[0]);

        VerifyReport r = verifier.report();
        Finding leak = r.findings(Check.WS001).stream().filter(f -> f.pid() == leaker.pid()).findFirst()
                .orElseThrow(() -> new AssertionError("no WS001 for the leaking child: " + r.findings()));
        assertEquals(leakedFd, leak.endpointId());
        assertEquals(Severity.ERROR, leak.severity(), "reported at the process exit: " + leak);
        assertTrue(leak.endpoint().startsWith("fd " + leakedFd), leak.endpoint());
        Finding uac = r.findings(Check.WS002).stream().filter(f -> f.pid() == user.pid()).findFirst()
                .orElseThrow(() -> new AssertionError("no WS002 for the closed-fd child: " + r.findings()));
        assertEquals(closedFd, uac.endpointId());
        assertEquals(Severity.ERROR, uac.severity());
        assertTrue(uac.evidence().get(0).event().startsWith("CLOSE"), uac.evidence().toString());
        assertTrue(uac.evidence().get(1).event().startsWith("CONNECT"), uac.evidence().toString());
        assertEquals(2, uac.count(), "connect and send on the closed fd: " + uac);
        assertTrue(uac.evidence().stream().anyMatch(ev -> ev.event().startsWith("SEND")),
                "send on the closed fd (seen since the backend reports EBADF calls on closed socket fds): " + uac.evidence());
        Finding ebadf = r.findings(Check.WS004).stream().filter(f -> f.pid() == user.pid()).findFirst().orElseThrow();
        assertEquals("EBADF", ebadf.details().get("status"));
        assertTrue(r.hasErrors());
    }
}
