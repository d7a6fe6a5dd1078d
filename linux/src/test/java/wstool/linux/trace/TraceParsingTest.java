package wstool.linux.trace;

import wstool.core.filter.TraceTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.net.Addresses;

class TraceParsingTest {
    private static final String V4_9 = "\\x02\\x00\\x00\\x09\\x7f\\x00\\x00\\x01" + "\\x00".repeat(20);
    private static final String V6_443 = "\\x0a\\x00\\x01\\xbb\\x00\\x00\\x00\\x00" + "\\x20\\x01\\x0d\\xb8" + "\\x00".repeat(11) + "\\x01" + "\\x00".repeat(4);

    private final SocketEventMapper mapper = new SocketEventMapper(pid -> "/usr/bin/curl", ns -> Instant.ofEpochSecond(0, ns));

    @Test
    void parsesEventLinesAndChatter() {
        TraceRecord r = TraceLineParser.parse("W connect 123 42 3 -111 16 0 " + V4_9 + " curl worker");
        assertEquals("connect", r.op());
        assertEquals(42, r.pid());
        assertEquals(3, r.fd());
        assertEquals(-111, r.ret());
        assertEquals(28, r.sockaddr().length);
        assertEquals("curl worker", r.comm());
        assertTrue(TraceLineParser.isEvent("W close 1 2 3 0 0 0 - x"));
        assertTrue(!TraceLineParser.isEvent("Attaching 30 probes..."));
        assertEquals(17, TraceLineParser.lostEvents("Lost 17 events"));
        assertEquals(-1, TraceLineParser.lostEvents("READY"));
    }

    @Test
    void rejectsBrokenLines() {
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W connect 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W frobnicate 1 2 3 0 0 0 - c"));
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W connect x 2 3 0 0 0 - c"));
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W connect 1 0 3 0 0 0 - c"));
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W connect 1 2 3 0 0 0 \\x0 c"));
        assertThrows(IllegalArgumentException.class, () -> TraceLineParser.parse("W connect 1 2 3 0 0 0 \\xzz\\x00 c"));
    }

    @Test
    void fuzzedLinesOnlyFailWithIllegalArgument() {
        Random rnd = new Random(8);
        String base = "W sendto 99 42 5 12 12 0 " + V6_443 + " curl";
        int ok = 0;
        for (int i = 0; i < 20_000; i++) {
            char[] c = base.toCharArray();
            for (int m = 0; m < 1 + rnd.nextInt(4); m++) c[rnd.nextInt(c.length)] = (char) (32 + rnd.nextInt(95));
            String line = rnd.nextInt(10) == 0 ? new String(c, 0, rnd.nextInt(c.length)) : new String(c);
            try {
                NetEvent e = mapper.event(TraceLineParser.parse(line));
                ok++;
                assertTrue(e == null || e.header().pid() > 0);
            } catch (IllegalArgumentException expected) {
                // the documented failure
            }
        }
        assertTrue(ok > 100, "only " + ok + " mutated lines parsed");
    }

    @Test
    void sockaddrs() {
        assertEquals(Addresses.parse("127.0.0.1"), Sockaddr.endpoint(TraceLineParser.hex(V4_9)).address());
        assertEquals(9, Sockaddr.endpoint(TraceLineParser.hex(V4_9)).port());
        assertEquals(Addresses.parse("2001:db8::1"), Sockaddr.endpoint(TraceLineParser.hex(V6_443)).address());
        assertEquals(443, Sockaddr.endpoint(TraceLineParser.hex(V6_443)).port());
        assertNull(Sockaddr.endpoint(new byte[] {1, 0, 47, 116, 109, 112})); // AF_UNIX "/tmp"
        assertNull(Sockaddr.endpoint(new byte[] {2, 0, 0}));
    }

    @Test
    void mapperCarriesSocketStateToLaterCalls() {
        assertEquals(SocketOp.CREATE, mapper.map(TraceLineParser.parse("W socket 1 42 -1 5 10 524289 - curl")).op());
        SocketEvent c = mapper.map(TraceLineParser.parse("W connect 2 42 5 -115 28 0 " + V6_443 + " curl"));
        assertEquals(115, c.status());
        assertEquals("EINPROGRESS", c.statusName());
        assertEquals(1, c.socketType()); // SOCK_STREAM | SOCK_CLOEXEC masked
        assertEquals(10, c.family());
        assertEquals(6, c.header().ipProtocol());
        assertEquals("/usr/bin/curl", c.header().process());
        SocketEvent w = mapper.map(TraceLineParser.parse("W write 3 42 5 100 4096 0 - curl"));
        assertEquals(SocketOp.SEND, w.op());
        assertEquals(Direction.OUT, w.direction());
        assertEquals(4096, w.bufferLength());
        assertEquals(100, w.bytes());
        assertEquals(443, w.header().remote().port());
        assertEquals(Instant.ofEpochSecond(0, 3), w.header().timestamp());
        SocketEvent r = mapper.map(TraceLineParser.parse("W read 4 42 5 -104 4096 0 - curl"));
        assertEquals(-1, r.bytes());
        assertEquals("ECONNRESET", r.statusName());
        assertEquals(SocketOp.CLOSE, mapper.map(TraceLineParser.parse("W close 5 42 5 0 0 0 - curl")).op());
        SocketEvent after = mapper.map(TraceLineParser.parse("W write 6 42 5 1 1 0 - curl"));
        assertEquals(-1, after.header().remote().port()); // fd state forgotten at close
        assertNull(mapper.map(TraceLineParser.parse("W connect 7 42 6 0 6 0 \\x01\\x00\\x2f\\x74\\x6d\\x70 curl")));
        // comm differs from the /proc name: the comm is reported
        assertEquals("python3", mapper.map(TraceLineParser.parse("W socket 8 43 -1 3 2 2 - python3")).header().process());
    }

    @Test
    void completionOfAnInProgressConnectIsAConnectWithTheSocketsError() {
        mapper.map(TraceLineParser.parse("W socket 1 42 -1 5 2 2049 - curl"));
        SocketEvent started = mapper.map(TraceLineParser.parse("W connect 2 42 5 -115 16 0 " + V4_9 + " curl"));
        assertEquals("EINPROGRESS", started.statusName());
        SocketEvent refused = mapper.map(TraceLineParser.parse("W connected 3 42 5 -111 0 0 - curl"));
        assertEquals(SocketOp.CONNECT, refused.op());
        assertEquals(111, refused.status());
        assertEquals("ECONNREFUSED", refused.statusName());
        assertEquals(started.header().remote(), refused.header().remote(), "the endpoint the connect named");
        assertEquals(5, refused.endpointId());
        assertEquals(6, refused.header().ipProtocol());
        assertEquals("connect", refused.header().raw().get("syscall"));
        assertEquals("in-progress connect finished", refused.header().raw().get("completion"));
        assertEquals("ECANCELED", mapper.map(TraceLineParser.parse("W connected 4 42 5 -125 0 0 - curl")).statusName());
        assertEquals(0, mapper.map(TraceLineParser.parse("W connected 5 42 5 0 0 0 - curl")).status());
    }

    @Test
    void batchedAndFileSendsCarryTheirTotals() {
        mapper.map(TraceLineParser.parse("W socket 1 42 -1 5 2 2 - curl"));
        SocketEvent m = mapper.map(TraceLineParser.parse("W sendmmsg 2 42 5 3 8 3210 - curl"));
        assertEquals(SocketOp.SEND, m.op());
        assertEquals(3210, m.bytes());
        assertEquals(-1, m.bufferLength());
        assertEquals("3", m.header().raw().get("messages"));
        assertEquals("8", m.header().raw().get("vlen"));
        SocketEvent failed = mapper.map(TraceLineParser.parse("W recvmmsg 3 42 5 -11 8 0 - curl"));
        assertEquals(SocketOp.RECV, failed.op());
        assertEquals("EAGAIN", failed.statusName());
        assertEquals(-1, failed.bytes());
        assertEquals("0", failed.header().raw().get("messages"));
        SocketEvent f = mapper.map(TraceLineParser.parse("W sendfile 4 42 5 4096 5000 0 - curl"));
        assertEquals(SocketOp.SEND, f.op());
        assertEquals(5000, f.bufferLength());
        assertEquals(4096, f.bytes());
    }

    @Test
    void exitLineBecomesProcessExitAndForgetsThePidsSockets() {
        mapper.map(TraceLineParser.parse("W socket 1 42 -1 5 2 1 - curl"));
        mapper.map(TraceLineParser.parse("W connect 2 42 5 0 28 0 " + V4_9 + " curl"));
        NetEvent e = mapper.event(TraceLineParser.parse("W exit 9 42 -1 768 0 0 - curl"));
        assertTrue(ProcessExit.is(e), e.toString());
        RawEvent x = (RawEvent) e;
        assertEquals(42, x.header().pid());
        assertEquals(Source.LINUX_TRACE, x.header().source());
        assertEquals("/usr/bin/curl", x.header().process());
        assertEquals(Instant.ofEpochSecond(0, 9), x.header().timestamp());
        assertEquals("3", x.header().raw().get(ProcessExit.EXIT_CODE)); // exit(3): wait status 3 << 8
        // a reused pid 42 with fd 5: no remote address carried over from the dead process
        assertEquals(-1, mapper.map(TraceLineParser.parse("W write 10 42 5 1 1 0 - curl")).header().remote().port());
        assertEquals(137, SocketEventMapper.exitStatus(9));    // SIGKILL
        assertEquals(0, SocketEventMapper.exitStatus(0));
        assertThrows(IllegalArgumentException.class, () -> mapper.exit(TraceLineParser.parse("W close 1 42 5 0 0 0 - curl")));
        assertThrows(IllegalArgumentException.class, () -> mapper.map(TraceLineParser.parse("W exit 1 42 -1 0 0 0 - curl")));
    }

    @Test
    void callsOnAClosedSocketFdCarryEbadf() {
        mapper.map(TraceLineParser.parse("W socket 1 44 -1 3 2 1 - py"));
        assertEquals(SocketOp.CLOSE, mapper.map(TraceLineParser.parse("W close 2 44 3 0 0 0 - py")).op());
        SocketEvent send = mapper.map(TraceLineParser.parse("W sendto 3 44 3 -9 1 0 - py"));
        assertEquals(SocketOp.SEND, send.op());
        assertEquals(3, send.endpointId());
        assertEquals("EBADF", send.statusName());
        SocketEvent close2 = mapper.map(TraceLineParser.parse("W close 4 44 3 -9 0 0 - py"));
        assertEquals(SocketOp.CLOSE, close2.op());
        assertEquals(9, close2.status());
    }

    @Test
    void scriptTracesExitsOfTheTargetsLeadersAndClosedSocketFds() {
        String bt = BpftraceScript.forTarget(TraceTarget.pid(7));
        assertTrue(bt.contains("tracepoint:sched:sched_process_exit /pid == tid && (@tp[pid] || pid == 7)/"), bt);
        assertTrue(bt.contains("sys_enter_sendto /(@sk[pid, args->fd] || @cl[pid, args->fd]) && pid == 7/"), bt);
        assertTrue(bt.contains("sys_enter_close /(@sk[pid, args->fd] || @cl[pid, args->fd]) && pid == 7/"), bt);
        assertTrue(bt.contains("% 16;"), "closed fds are remembered in a bounded ring per pid");
    }

    @Test
    void targets() {
        assertEquals("pid == 1234", BpftraceTarget.of(TraceTarget.pid(1234)).predicate());
        assertEquals("(pid == 1 || pid == 22)", BpftraceTarget.of(TraceTarget.pids(java.util.List.of(1L, 22L))).predicate());
        String exeName = "str(*(uint64 *)((uint64)curtask->mm->exe_file->f_path.dentry + 40))";
        assertEquals("(" + exeName + " == \"curl\" || comm == \"curl\")", BpftraceTarget.of(TraceTarget.program("/usr/bin/curl")).predicate());
        // longer than comm's 15 bytes: the executable's name only, in full (comm could never equal it)
        assertEquals(exeName + " == \"abcdefghijklmnopqrst\"", BpftraceTarget.of(TraceTarget.program("abcdefghijklmnopqrst")).predicate());
        assertEquals("(" + exeName + " == \"abcdefghijklmno\" || comm == \"abcdefghijklmno\")",
                BpftraceTarget.of(TraceTarget.program("abcdefghijklmno")).predicate());
        assertEquals("program " + "a".repeat(63), BpftraceTarget.of(TraceTarget.program("a".repeat(63))).toString());
        assertThrows(IllegalArgumentException.class, () -> BpftraceTarget.of(TraceTarget.program("a".repeat(64))));
        assertTrue(BpftraceScript.forTarget(TraceTarget.pid(7)).contains("printf(\"EXE %s\\n\", " + exeName + ")"));
        assertThrows(IllegalArgumentException.class, () -> BpftraceTarget.of(TraceTarget.program("x\" || 1 == 1 || \"")));
        assertThrows(IllegalArgumentException.class, () -> TraceTarget.program(""));
        assertEquals("pid != " + ProcessHandle.current().pid(), BpftraceTarget.of(TraceTarget.all()).predicate(),
                "every process but ws_tool's own (monitor --all)");
        assertThrows(IllegalArgumentException.class, () -> TraceTarget.pid(0));
        assertTrue(BpftraceScript.forTarget(TraceTarget.pid(7)).contains("/pid == 7 && (args->family == 2"));
        assertTrue(!BpftraceScript.forTarget(TraceTarget.pid(7)).contains("FILTER"));
        assertTrue(BpftraceScript.forTarget(TraceTarget.pid(7), "amd64").contains(
                "tracepoint:raw_syscalls:sys_enter /args->id == 362 && (curtask->thread_info.status & 2) && pid == 7/"));
        String arm = BpftraceScript.forTarget(TraceTarget.pid(7), "aarch64");
        assertTrue(!arm.contains("raw_syscalls") && !arm.contains("COMPAT32") && arm.contains("sys_enter_listen"), arm);
    }
}
