package wstool.linux.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.linux.trace.LinuxTraceSource;
import wstool.core.filter.TraceTarget;

/**
 * A child process (python3: each socket call is exactly one syscall) makes a known sequence of socket calls over
 * loopback inside a fresh network namespace; the bpftrace backend must report them in order with sizes and results.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TraceLiveTest {
    private static final String CHILD = String.join("\n",
            "import socket, sys",
            "sys.stdin.readline()",
            "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(4)",
            "port = srv.getsockname()[1]",
            "c = socket.socket(); c.connect(('127.0.0.1', port))",
            "a, _ = srv.accept()",
            "c.send(b'hello')",
            "data = a.recv(100)",
            "c.close(); a.close()",
            "bad = socket.socket()",
            "try:",
            "    bad.connect(('127.0.0.1', 1))",
            "except OSError:",
            "    pass",
            "bad.close(); srv.close()",
            "print(port, len(data), flush=True)",
            "");

    @Test
    void childSocketCallsAreTracedInOrder() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "bpftrace", "python3");
        try (NetnsPair ns = new NetnsPair("tr")) {
            Process child = new ProcessBuilder("ip", "netns", "exec", ns.client, "python3", "-c", CHILD)
                    .redirectErrorStream(true).start();
            RunningTrace trace = RunningTrace.started(TraceTarget.pid(child.pid()));
            List<NetEvent> events = trace.events;
            LinuxTraceSource source = trace.source;
            try {
                try (OutputStream in = child.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not finish");
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertEquals(0, child.exitValue(), out);
                int port = Integer.parseInt(out.split(" ")[0]);
                assertEquals("5", out.split(" ")[1]);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < until && !(ops(events).size() >= 14 && events.stream().anyMatch(ProcessExit::is))) {
                    Thread.sleep(50);
                }
                // a --pid trace ends by itself at the traced process's exit
                long exitSeen = System.nanoTime();
                boolean ended = trace.awaitEnd(5_000);
                long endedMillis = (System.nanoTime() - exitSeen) / 1_000_000;
                assertTrue(ended, "the trace did not end by itself after the child's exit");
                assertEquals("process " + child.pid() + " exited", source.endReason());
                assertTrue(endedMillis < 1000, "ended " + endedMillis + " ms after the exit record");
                NetEvent last = events.get(events.size() - 1);
                assertTrue(ProcessExit.is(last), "the child's exit (sched_process_exit) comes last: " + events);
                assertEquals(child.pid(), last.header().pid());
                assertEquals("0", last.header().raw().get(ProcessExit.EXIT_CODE));
                assertEquals(1, events.stream().filter(ProcessExit::is).count(), "one exit for the thread group: " + events);

                InetAddress lo = InetAddress.getByName("127.0.0.1");
                List<SocketOp> expected = List.of(SocketOp.CREATE, SocketOp.BIND, SocketOp.LISTEN, SocketOp.CREATE,
                        SocketOp.CONNECT, SocketOp.ACCEPT, SocketOp.SEND, SocketOp.RECV, SocketOp.CLOSE, SocketOp.CLOSE,
                        SocketOp.CREATE, SocketOp.CONNECT, SocketOp.CLOSE, SocketOp.CLOSE);
                assertEquals(expected, ops(events), "events: " + events);
                List<SocketEvent> e = socketEvents(events);
                for (SocketEvent ev : e) {
                    assertEquals(Source.LINUX_TRACE, ev.header().source());
                    assertEquals(child.pid(), ev.header().pid());
                    assertEquals(2, ev.family());
                    assertEquals(1, ev.socketType());
                }
                assertTrue(e.get(0).header().process() != null && e.get(0).header().process().contains("python3"),
                        "process: " + e.get(0).header().process());
                SocketEvent connect = e.get(4);
                assertEquals(lo, connect.header().remote().address());
                assertEquals(port, connect.header().remote().port());
                assertEquals(0, connect.status());
                assertEquals(Direction.OUT, connect.direction());
                assertEquals(6, connect.header().ipProtocol());
                SocketEvent accept = e.get(5);
                assertEquals(lo, accept.header().local().address());
                assertEquals(-1, accept.header().local().port(), "bound to port 0: the ephemeral port is not known");
                assertEquals(0, e.get(1).header().local().port(), "the BIND event shows the requested port 0");
                assertEquals(lo, accept.header().remote().address());
                SocketEvent send = e.get(6);
                assertEquals(5, send.bufferLength());
                assertEquals(5, send.bytes());
                assertEquals(connect.endpointId(), send.endpointId());
                assertEquals(port, send.header().remote().port());
                SocketEvent recv = e.get(7);
                assertEquals(100, recv.bufferLength());
                assertEquals(5, recv.bytes());
                assertEquals(accept.endpointId(), recv.endpointId());
                SocketEvent refused = e.get(11);
                assertEquals(111, refused.status());
                assertEquals("ECONNREFUSED", refused.statusName());
                assertEquals(1, refused.header().remote().port());
                assertEquals(0, source.lostAtSource());
            } finally {
                trace.stopAndCheck();
                child.destroyForcibly();
            }
        }
    }

    private static final String BATCHES = String.join("\n",
            "import ctypes, os, socket, sys, tempfile",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "class iovec(ctypes.Structure): _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]",
            "class msghdr(ctypes.Structure): _fields_ = [('name', ctypes.c_void_p), ('namelen', ctypes.c_uint32),"
                    + " ('iov', ctypes.POINTER(iovec)), ('iovlen', ctypes.c_size_t), ('control', ctypes.c_void_p),"
                    + " ('controllen', ctypes.c_size_t), ('flags', ctypes.c_int)]",
            "class mmsghdr(ctypes.Structure): _fields_ = [('hdr', msghdr), ('len', ctypes.c_uint)]",
            "def vec(bufs):",
            "    m = (mmsghdr * len(bufs))()",
            "    for i, b in enumerate(bufs):",
            "        io = iovec(ctypes.cast(b, ctypes.c_void_p), len(b)); m[i].hdr.iov = ctypes.pointer(io); m[i].hdr.iovlen = 1",
            "        m[i]._io = io",
            "    return m",
            "f = tempfile.TemporaryFile(); f.write(b'y' * 5000); f.flush()",
            "sys.stdin.readline()",
            "rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind(('127.0.0.1', 0))",
            "tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); tx.connect(rx.getsockname())",
            "out = [ctypes.create_string_buffer(n) for n in (10, 200, 3000)]",
            "sm = vec(out); sent = libc.sendmmsg(tx.fileno(), sm, 3, 0)",
            "inb = [ctypes.create_string_buffer(4096) for _ in range(8)]",
            "rm = vec(inb); got = libc.recvmmsg(rx.fileno(), rm, 8, socket.MSG_DONTWAIT, None)",
            "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
            "c = socket.socket(); c.connect(srv.getsockname()); a, _ = srv.accept()",
            "sf = os.sendfile(c.fileno(), f.fileno(), 0, 5000)",
            "n = 0",
            "while n < sf: n += len(a.recv(65536))",
            "for s in (tx, rx, c, a, srv): s.close()",
            "print(sent, sum(m.len for m in sm[:max(sent, 0)]), got, sum(m.len for m in rm[:max(got, 0)]), sf, flush=True)",
            "");

    /** sendmmsg/recvmmsg with their byte totals, sendfile to a socket, accept4 (what Python's accept() calls). */
    @Test
    void batchedSendsAndReceivesSendfileAndAccept4AreCounted() throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "bpftrace", "python3");
        try (NetnsPair ns = new NetnsPair("mm")) {
            Process child = new ProcessBuilder("ip", "netns", "exec", ns.client, "python3", "-c", BATCHES)
                    .redirectErrorStream(true).start();
            RunningTrace trace = RunningTrace.started(TraceTarget.pid(child.pid()));
            List<NetEvent> events = trace.events;
            String out;
            try {
                try (OutputStream in = child.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not finish");
                out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                trace.awaitEnd(10_000); // ends by itself at the child's exit
            } finally {
                trace.stopAndCheck();
                child.destroyForcibly();
            }
            // the program's own count of what the kernel transferred (msg_len of each slot): the independent answer
            assertEquals("3 3210 3 3210 5000", out);
            SocketEvent sendmmsg = only(events, "sendmmsg");
            assertEquals(SocketOp.SEND, sendmmsg.op());
            assertEquals(3210, sendmmsg.bytes());
            assertEquals("3", sendmmsg.header().raw().get("messages"));
            assertEquals("3", sendmmsg.header().raw().get("vlen"));
            assertEquals(17, sendmmsg.header().ipProtocol());
            SocketEvent recvmmsg = only(events, "recvmmsg");
            assertEquals(SocketOp.RECV, recvmmsg.op());
            assertEquals(3210, recvmmsg.bytes());
            assertEquals("3", recvmmsg.header().raw().get("messages"));
            assertEquals("8", recvmmsg.header().raw().get("vlen"));
            SocketEvent sendfile = only(events, "sendfile");
            assertEquals(SocketOp.SEND, sendfile.op());
            assertEquals(5000, sendfile.bufferLength());
            assertEquals(5000, sendfile.bytes());
            assertEquals(6, sendfile.header().ipProtocol());
            SocketEvent accept = only(events, "accept");
            assertTrue(accept.endpointId() > 0, accept.toString());
            long received = socketEvents(events).stream().filter(e -> e.op() == SocketOp.RECV && e.endpointId() == accept.endpointId())
                    .mapToLong(SocketEvent::bytes).sum();
            assertEquals(5000, received, "the accepted socket's receives add up to what sendfile sent: " + events);
        }
    }

    /** i386 code (int 0x80): socket(), then connect() to 127.0.0.1:1 twice, direct (362) and via socketcall (102). */
    private static final String I386 = String.join("\n",
            ".globl _start", ".text", "_start:",
            "  mov $359, %eax; mov $2, %ebx; mov $1, %ecx; xor %edx, %edx; int $0x80; mov %eax, %esi",
            "  push $0; push $0; push $0x0100007f; push $0x01000002; mov %esp, %edi",  // sockaddr_in 127.0.0.1:1
            "  mov $362, %eax; mov %esi, %ebx; mov %edi, %ecx; mov $16, %edx; int $0x80",
            "  push $16; push %edi; push %esi",                                             // socketcall's u32[3]
            "  mov $102, %eax; mov $3, %ebx; mov %esp, %ecx; int $0x80",
            "  mov $1, %eax; xor %ebx, %ebx; int $0x80", "");

    /** A 32-bit program's connect (compat syscalls, which the syscall tracepoints never see) is reported. */
    @Test
    void connectOfA32BitProgramIsReported(@TempDir Path dir) throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "bpftrace", "as", "ld");
        String arch = System.getProperty("os.arch");
        org.junit.jupiter.api.Assumptions.assumeTrue(arch.equals("amd64") || arch.equals("x86_64"),
                "LOUD SKIP: 32-bit compat syscalls are traced on x86-64 only, this is " + arch);
        Files.writeString(dir.resolve("c32.s"), I386);
        Cmd.must(null, "as", "--32", "-o", dir.resolve("c32.o").toString(), dir.resolve("c32.s").toString());
        Path exe = dir.resolve("c32");
        Cmd.must(null, "ld", "-m", "elf_i386", "-o", exe.toString(), dir.resolve("c32.o").toString());
        try (NetnsPair ns = new NetnsPair("32")) {
            Cmd.Result probe = Cmd.run(null, "ip", "netns", "exec", ns.client, exe.toString());
            org.junit.jupiter.api.Assumptions.assumeTrue(probe.exit() == 0,
                    "LOUD SKIP: this kernel cannot run i386 programs (IA32 emulation off): " + probe.output());
            RunningTrace trace = RunningTrace.started(TraceTarget.program("c32"));
            List<NetEvent> events = trace.events;
            try {
                Process p = new ProcessBuilder("ip", "netns", "exec", ns.client, exe.toString()).start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < until && events.stream().noneMatch(ProcessExit::is)) Thread.sleep(20);
                List<SocketEvent> connects = socketEvents(events).stream().filter(e -> e.op() == SocketOp.CONNECT).toList();
                assertEquals(2, connects.size(), "direct connect and socketcall(SYS_CONNECT): " + events);
                for (SocketEvent c : connects) {
                    assertEquals(p.pid(), c.header().pid());
                    assertEquals("ECONNREFUSED", c.statusName());
                    assertEquals(InetAddress.getByName("127.0.0.1"), c.header().remote().address());
                    assertEquals(1, c.header().remote().port());
                }
            } finally {
                trace.stopAndCheck();
            }
        }
    }

    private static SocketEvent only(List<NetEvent> events, String syscall) {
        List<SocketEvent> l = socketEvents(events).stream().filter(e -> syscall.equals(e.header().raw().get("syscall"))).toList();
        assertEquals(1, l.size(), syscall + " events: " + events);
        return l.get(0);
    }

    /**
     * --exe with a name longer than comm's 15 bytes: a copy of python3 under such a name is traced, a copy whose name
     * shares the first 15 bytes (so the same comm) is not, and the symlink-started python3 is found by its real
     * executable's name (python3 -> python3.X) although its comm is python3.
     */
    @Test
    void exeMatchesTheExecutablesFullNameNotJustItsComm(@TempDir Path dir) throws Exception {
        LiveAssumptions.requireRootAndTools("ip", "bpftrace", "python3");
        Path python = Path.of(Cmd.must(null, "python3", "-c", "import sys; print(sys.executable)").trim()).toRealPath();
        Path longName = Files.copy(python, dir.resolve("wst_long_program_name_" + ProcessHandle.current().pid()));
        Path sameComm = Files.copy(python, dir.resolve("wst_long_program_other"));
        for (Path p : List.of(longName, sameComm)) p.toFile().setExecutable(true);
        String name = longName.getFileName().toString();
        assertTrue(name.length() > 15 && name.substring(0, 15).equals(sameComm.getFileName().toString().substring(0, 15)));
        RunningTrace trace = RunningTrace.started(TraceTarget.program(name));
        List<NetEvent> events = trace.events;
        try (NetnsPair ns = new NetnsPair("tx")) {
            String udp = "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'abc', ('127.0.0.1', 9)); s.close()";
            Process other = new ProcessBuilder("ip", "netns", "exec", ns.client, sameComm.toString(), "-c", udp).start();
            assertTrue(other.waitFor(20, TimeUnit.SECONDS) && other.exitValue() == 0, "the same-comm copy ran");
            Process traced = new ProcessBuilder("ip", "netns", "exec", ns.client, longName.toString(), "-c", udp).start();
            assertTrue(traced.waitFor(20, TimeUnit.SECONDS) && traced.exitValue() == 0, "the long-named copy ran");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && events.stream().noneMatch(ProcessExit::is)) Thread.sleep(20);
            assertEquals(List.of(SocketOp.CREATE, SocketOp.SENDTO, SocketOp.CLOSE), ops(events), "events: " + events);
            for (NetEvent e : events) {
                assertEquals(traced.pid(), e.header().pid(), "only the long-named program: " + events);
                assertEquals(longName.toString(), e.header().process());
            }
            assertEquals(3, socketEvents(events).get(1).bytes());
        } finally {
            trace.stopAndCheck();
        }

        // python3 started through its symlink: comm 'python3', executable e.g. 'python3.11'
        Path link = Path.of("/usr/bin/python3");
        String real = link.toRealPath().getFileName().toString();
        if (real.equals("python3")) return; // no symlink on this system: nothing more to show
        try (NetnsPair ns = new NetnsPair("ty")) {
            RunningTrace byReal = RunningTrace.started(TraceTarget.program(real));
            List<NetEvent> realEvents = byReal.events;
            try {
                Process p = new ProcessBuilder("ip", "netns", "exec", ns.client, link.toString(), "-c",
                        "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()").start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < until
                        && realEvents.stream().noneMatch(e -> ProcessExit.is(e) && e.header().pid() == p.pid())) {
                    Thread.sleep(20);
                }
                assertTrue(socketEvents(realEvents).stream().anyMatch(e -> e.header().pid() == p.pid() && e.op() == SocketOp.CREATE),
                        "--exe " + real + " catches python3 started through its symlink: " + realEvents);
            } finally {
                byReal.stopAndCheck();
            }
        }
    }

    private static List<SocketEvent> socketEvents(List<NetEvent> events) {
        List<SocketEvent> out = new ArrayList<>();
        for (NetEvent e : events) if (e instanceof SocketEvent s) out.add(s);
        return out;
    }

    private static List<SocketOp> ops(List<NetEvent> events) {
        List<SocketOp> out = new ArrayList<>();
        for (SocketEvent s : socketEvents(events)) out.add(s.op());
        return out;
    }
}
