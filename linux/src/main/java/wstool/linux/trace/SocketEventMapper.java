package wstool.linux.trace;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.linux.sys.Errno;

/**
 * Turns {@link TraceRecord}s into core {@link SocketEvent}s (Source.LINUX_TRACE), remembering per (pid, fd) what
 * socket() / bind() / connect() / accept() said so later sends and receives carry family, type and both endpoints,
 * as the ETW path does for AFD endpoints. A process's exit becomes {@link ProcessExit} and drops what was known
 * about its sockets. Not thread-safe: one reader.
 */
final class SocketEventMapper {
    private static final int MAX_TRACKED = 100_000;
    private static final int SOCK_TYPE_MASK = 0xf; // SOCK_NONBLOCK / SOCK_CLOEXEC live in the upper bits

    private final LongFunction<String> processPaths;
    private final Map<Long, String> commOfPid = new HashMap<>();
    private final LongFunction<Instant> clock;
    private final Map<Long, SocketState> sockets = new LinkedHashMap<>();
    private final Map<Long, String> paths = new HashMap<>();

    private static final class SocketState {
        int family = -1;
        int type = -1;
        Endpoint local = Endpoint.NONE;
        Endpoint remote = Endpoint.NONE;
    }

    /**
     * @param processPaths pid → executable path (null when gone)
     * @param clock CLOCK_MONOTONIC nanoseconds → wall-clock instant
     */
    public SocketEventMapper(LongFunction<String> processPaths, LongFunction<Instant> clock) {
        this.processPaths = processPaths;
        this.clock = clock;
    }

    /** The event for any record: {@link #exit} for a process exit, otherwise {@link #map}. */
    public NetEvent event(TraceRecord r) {
        return r.op().equals("exit") ? exit(r) : map(r);
    }

    /**
     * The {@link ProcessExit} for an exit record; its exit code is the status the process passed to exit(), or 128 +
     * the signal that killed it (the shell's convention). The pid's sockets are forgotten: a reused pid starts afresh.
     */
    public RawEvent exit(TraceRecord r) {
        if (!r.op().equals("exit")) throw new IllegalArgumentException("not an exit record: " + r.op());
        String process = path(r.pid(), r.comm());
        sockets.keySet().removeIf(k -> k >>> 24 == r.pid());
        commOfPid.remove(r.pid());
        paths.remove(r.pid());
        return ProcessExit.of(clock.apply(r.monotonicNanos()), Source.LINUX_TRACE, r.pid(), process, exitStatus(r.ret()));
    }

    /** The kernel's wait status (exit_code) as a shell would show it. */
    static int exitStatus(long waitStatus) {
        int sig = (int) (waitStatus & 0x7f);
        return sig == 0 ? (int) (waitStatus >> 8 & 0xff) : 128 + sig;
    }

    /**
     * The event for a socket-call record, or null when it concerns a non-IP socket (unix, netlink) seen through
     * connect/bind.
     */
    public SocketEvent map(TraceRecord r) {
        boolean failed = r.ret() < 0;
        int errno = failed ? (int) -r.ret() : 0;
        Endpoint addr = r.sockaddr() == null ? null : Sockaddr.endpoint(r.sockaddr());
        int addrFamily = Sockaddr.family(r.sockaddr());
        if (r.sockaddr() != null && addr == null && (r.op().equals("connect") || r.op().equals("bind"))
                && addrFamily != 0) { // AF_UNSPEC connect dissolves a UDP association: keep it
            return null;
        }
        long fdForState = r.op().equals("socket") || r.op().equals("accept") ? r.ret() : r.fd();
        SocketState s = r.op().equals("socket") || (r.op().equals("accept") && !failed)
                ? newState(r.pid(), fdForState)
                : r.op().equals("connect") || r.op().equals("bind") ? stateOrNew(r.pid(), r.fd()) : state(r.pid(), r.fd());
        SocketOp op;
        Direction dir = Direction.UNKNOWN;
        long bufferLength = -1, bytes = -1;
        long endpointId = r.fd();
        switch (r.op()) {
            case "socket" -> {
                op = SocketOp.CREATE;
                s.family = (int) r.arg1();
                s.type = (int) r.arg2() & SOCK_TYPE_MASK;
                endpointId = r.ret();
                if (failed) forget(r.pid(), r.ret());
            }
            case "connect" -> {
                op = SocketOp.CONNECT;
                dir = Direction.OUT;
                if (addr != null) s.remote = addr;
            }
            case "connected" -> { // the completion of an in-progress connect, with the socket's own result
                op = SocketOp.CONNECT;
                dir = Direction.OUT;
            }
            case "bind" -> {
                op = SocketOp.BIND;
                // port 0 asks the kernel for an ephemeral port, which bind() does not return: unknown from here on
                if (addr != null && !failed) s.local = addr.port() == 0 ? Endpoint.of(addr.address(), -1) : addr;
            }
            case "listen" -> {
                op = SocketOp.LISTEN;
                dir = Direction.IN;
            }
            case "accept" -> {
                op = SocketOp.ACCEPT;
                dir = Direction.IN;
                SocketState listener = state(r.pid(), r.fd());
                s.family = listener.family;
                s.type = listener.type;
                s.local = listener.local;
                if (addr != null) s.remote = addr;
                if (!failed) endpointId = r.ret();
            }
            case "sendmmsg", "recvmmsg" -> { // several datagrams in one call: their total, and how many
                boolean send = r.op().equals("sendmmsg");
                op = send ? SocketOp.SEND : SocketOp.RECV;
                dir = send ? Direction.OUT : Direction.IN;
                bytes = failed ? -1 : r.arg2();
            }
            case "sendto", "sendmsg", "write", "sendfile" -> {
                op = addr != null ? SocketOp.SENDTO : SocketOp.SEND;
                dir = Direction.OUT;
                bufferLength = r.arg1();
                bytes = failed ? -1 : r.ret();
            }
            case "recvfrom", "recvmsg", "read" -> {
                op = addr != null ? SocketOp.RECVFROM : SocketOp.RECV;
                dir = Direction.IN;
                bufferLength = r.arg1();
                bytes = failed ? -1 : r.ret();
            }
            case "shutdown" -> op = SocketOp.SHUTDOWN;
            case "close" -> op = SocketOp.CLOSE;
            default -> throw new IllegalArgumentException("not a socket call: " + r.op());
        }
        Endpoint remote = addr != null && op != SocketOp.BIND ? addr : s.remote;
        Endpoint local = op == SocketOp.BIND && addr != null ? addr : s.local;
        int family = s.family >= 0 ? s.family : addrFamily;
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("syscall", r.op().equals("connected") ? "connect" : r.op());
        if (r.op().equals("connected")) raw.put("completion", "in-progress connect finished");
        raw.put("fd", Integer.toString(r.fd()));
        raw.put("ret", Long.toString(r.ret()));
        if (op == SocketOp.LISTEN) raw.put("backlog", Long.toString(r.arg1()));
        if (op == SocketOp.SHUTDOWN) raw.put("how", Long.toString(r.arg1()));
        if (r.op().endsWith("mmsg")) {
            raw.put("messages", failed ? "0" : Long.toString(r.ret()));
            raw.put("vlen", Long.toString(r.arg1()));
        }
        EventHeader h = new EventHeader(clock.apply(r.monotonicNanos()), Source.LINUX_TRACE, r.pid(), path(r.pid(), r.comm()),
                null, protocol(s.type, family), local, remote, raw, null);
        if (op == SocketOp.CLOSE) forget(r.pid(), r.fd());
        return new SocketEvent(h, op, CallPhase.COMPLETE, dir, endpointId, family, s.type, bufferLength, bytes,
                errno, Errno.symbol(errno));
    }

    private static int protocol(int type, int family) {
        if (family != Sockaddr.AF_INET && family != Sockaddr.AF_INET6) return -1;
        return type == 1 ? 6 : type == 2 ? 17 : -1;
    }

    /**
     * The executable path from /proc when the process is still there and its name agrees with the kernel's comm
     * (an exec since would change both); otherwise the comm itself. Looked up again when the comm changes.
     */
    private String path(long pid, String comm) {
        if (!comm.equals(commOfPid.get(pid))) {
            if (paths.size() > 10_000) {
                paths.clear();
                commOfPid.clear();
            }
            commOfPid.put(pid, comm);
            String p = processPaths.apply(pid);
            String name = p == null ? null : p.substring(p.lastIndexOf('/') + 1);
            paths.put(pid, name != null && !comm.isEmpty() && name.startsWith(comm) ? p : comm);
        }
        return paths.get(pid);
    }

    private static long key(long pid, long fd) { return pid << 24 ^ fd; }

    private SocketState newState(long pid, long fd) {
        SocketState s = new SocketState();
        if (fd >= 0) {
            sockets.put(key(pid, fd), s);
            if (sockets.size() > MAX_TRACKED) sockets.remove(sockets.keySet().iterator().next());
        }
        return s;
    }

    private SocketState state(long pid, long fd) {
        SocketState s = sockets.get(key(pid, fd));
        return s != null ? s : new SocketState();
    }

    private SocketState stateOrNew(long pid, long fd) {
        SocketState s = sockets.get(key(pid, fd));
        return s != null ? s : newState(pid, fd);
    }

    private void forget(long pid, long fd) { sockets.remove(key(pid, fd)); }
}
