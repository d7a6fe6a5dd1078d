package wstool.verify;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wstool.core.model.CallPhase;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;

/**
 * Follows every socket of every process through the event stream (per process, per socket id: create, calls started
 * and completed, close/cleanup) and tells the {@link SocketCheck}s what happens, in event order.
 * <p>
 * Lifecycle rules: a CREATE starts a new socket instance, also when its id was used by a socket closed before (ids
 * are reused: AFD endpoint addresses, Linux fds): that is never a use after close. The first CLOSE or CLEANUP ends
 * the instance; completions of calls started before that, transport notifications (abort, disconnect, data and
 * connect indications) and the CLOSE that follows a CLEANUP are normal afterwards; any other call, or a second close,
 * is a use after close. A socket first seen on another operation existed before the trace; it is followed from then
 * on. On Linux a successful accept creates the socket whose fd it returns (its event carries that fd). A process's
 * exit ({@link ProcessExit}) ends its sockets; events of it delivered later but made before the exit are not checked,
 * and a pid seen again after its exit is a new process. Memory is bounded by {@link VerifierLimits}; what falls out
 * is counted.
 */
final class SocketTracker {
    private static final Set<String> BAD_HANDLE = Set.of(
            "EBADF", "ENOTSOCK", "STATUS_INVALID_HANDLE", "WSAENOTSOCK", "WSAEBADF");

    private final VerifierLimits limits;
    private final Counters counters;
    private final Coverage coverage;
    /** The checks that take each callback, in code order: a call site then only reaches the one or two concerned. */
    private final SocketCheck[] onEvent, onCallEnded, onLateStart, onCompletionWithoutStart, onFirstSight,
            onSocketEvent, onLateCreate, onListening, onUseAfterClose, onOpenAtExit, onClosedBeforeExit, onOpenAtEnd, onPacket;
    private final LinkedHashMap<Long, ProcessState> processes;
    private final LinkedHashMap<Long, Long> owners;
    /** Exit time of processes that have exited, to tell their late-delivered events from a reused pid. */
    private final LinkedHashMap<Long, Instant> exited;
    /** Sources that report call starts; for the others (Linux) a COMPLETE is the whole call. */
    private final boolean[] startsBySource = new boolean[Source.values().length];
    private long events;
    private Instant firstEvent, lastEvent;

    SocketTracker(VerifierLimits limits, Counters counters, Coverage coverage, List<SocketCheck> checks) {
        this.limits = limits;
        this.counters = counters;
        this.coverage = coverage;
        this.onEvent = taking(checks, "onEvent");
        this.onCallEnded = taking(checks, "onCallEnded");
        this.onLateStart = taking(checks, "onLateStart");
        this.onCompletionWithoutStart = taking(checks, "onCompletionWithoutStart");
        this.onFirstSight = taking(checks, "onFirstSight");
        this.onSocketEvent = taking(checks, "onSocketEvent");
        this.onLateCreate = taking(checks, "onLateCreate");
        this.onListening = taking(checks, "onListening");
        this.onUseAfterClose = taking(checks, "onUseAfterClose");
        this.onOpenAtExit = taking(checks, "onOpenAtExit");
        this.onClosedBeforeExit = taking(checks, "onClosedBeforeExit");
        this.onOpenAtEnd = taking(checks, "onOpenAtEnd");
        this.onPacket = taking(checks, "onPacket");
        this.processes = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ProcessState> eldest) {
                if (size() <= limits.maxProcesses()) return false;
                counters.bump("processes evicted (memory bound)", 1);
                counters.bump("open sockets forgotten with an evicted process", eldest.getValue().open.size());
                return true;
            }
        };
        int maxOwners = (int) Math.min(1 << 20, (long) limits.maxProcesses() * limits.maxOpenSocketsPerProcess());
        this.owners = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) { return size() > maxOwners; }
        };
        this.exited = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) { return size() > limits.maxProcesses(); }
        };
    }

    private static SocketCheck[] taking(List<SocketCheck> checks, String callback) {
        if (Arrays.stream(SocketCheck.class.getMethods()).noneMatch(m -> m.getName().equals(callback))) {
            throw new IllegalArgumentException("no callback " + callback);
        }
        return checks.stream()
                .filter(c -> Arrays.stream(c.getClass().getDeclaredMethods()).anyMatch(m -> m.getName().equals(callback)))
                .toArray(SocketCheck[]::new);
    }

    long events() { return events; }

    Instant firstEvent() { return firstEvent; }

    Instant lastEvent() { return lastEvent; }

    void observe(NetEvent e) {
        events++;
        Instant t = e.header().timestamp();
        if (firstEvent == null || t.isBefore(firstEvent)) firstEvent = t;
        if (lastEvent == null || t.isAfter(lastEvent)) lastEvent = t;
        if (ProcessExit.is(e)) {
            processExit(e.header());
            return;
        }
        if (e instanceof wstool.core.model.PacketEvent p) {
            coverage.countPacket(p);
            for (SocketCheck c : onPacket) c.onPacket(p);
            return;
        }
        if (!(e instanceof SocketEvent s)) return;
        long id = s.endpointId();
        boolean validId = id != -1 && id != 0;
        coverage.count(s, validId);
        if (s.phase() == CallPhase.START) startsBySource[s.header().source().ordinal()] = true;
        long pid = s.header().pid();
        if (pid == EventHeader.UNKNOWN_PID && validId) pid = owners.getOrDefault(id, EventHeader.UNKNOWN_PID);
        Instant exitedAt = exited.get(pid);
        if (exitedAt != null) {
            if (s.header().timestamp().isBefore(exitedAt)) {
                counters.bump("events delivered after their process's exit (out of order; not checked)", 1);
                if (validId && s.op().endsEndpoint()) {
                    for (SocketCheck c : onClosedBeforeExit) c.onClosedBeforeExit(pid, id);
                }
                return;
            }
            exited.remove(pid);             // a new process with a reused pid
        }
        String process = s.header().process();

        for (SocketCheck c : onEvent) c.onEvent(s, pid, process);
        if (!validId) {
            if (s.phase() != CallPhase.START) callEnded(s, pid, process, null, s.bufferLength());
            return;
        }
        ProcessState p = process(pid, process);
        SocketState open = p.open.get(id);
        if (createsSocket(s)) {
            onCreate(p, open, s);
            return;
        }
        if (open == null) {
            SocketState closed = p.closed.get(id);
            if (closed != null) {
                afterClose(p, closed, s);
                return;
            }
            open = firstSight(p, s);
            if (open == null) return;
        }
        onOpen(p, open, s);
    }

    /** The trace has ended at {@code end}: tells the checks about every socket still open. */
    void end(Instant end) {
        for (ProcessState p : processes.values()) {
            for (SocketState st : p.open.values()) {
                for (SocketCheck c : onOpenAtEnd) c.onOpenAtEnd(p, st, end);
            }
        }
    }

    /**
     * CREATE, and on Linux a successful accept: its event carries the new fd (AFD reports the accepted socket's own
     * create, and its accept events are about the listening endpoint).
     */
    private static boolean createsSocket(SocketEvent s) {
        return s.op() == SocketOp.CREATE || s.op() == SocketOp.ACCEPT && SocketState.isFd(s)
                && s.phase() != CallPhase.START && StatusClass.of(s) == StatusClass.SUCCESS;
    }

    private ProcessState process(long pid, String name) {
        ProcessState p = processes.get(pid);
        if (p == null) {
            p = new ProcessState(pid, name, limits, counters::bump);
            processes.put(pid, p);
        } else if (name != null) {
            p.name = name;
        }
        return p;
    }

    private void onCreate(ProcessState p, SocketState open, SocketEvent s) {
        long id = s.endpointId();
        boolean failed = StatusClass.of(s) == StatusClass.FAILURE;
        if (open != null && open.createPending && s.phase() == CallPhase.COMPLETE) {
            open.createPending = false;
            open.learn(s);
            if (failed) p.open.remove(id);
            return;
        }
        SocketState late = open != null ? open : p.closed.get(id);
        Instant ts = s.header().timestamp();
        boolean belongs = late != null && (open != null
                ? !late.firstSeen.isBefore(ts)
                : ts.isBefore(late.closedBy.timestamp()));
        if (belongs) {
            // delivered after events that happened later (out of order): it is this socket's create, not a new one
            if (!late.createdInTrace()) {
                late.created = ts;
                for (SocketCheck c : onLateCreate) c.onLateCreate(late);
                counters.bump("sockets seen without create", -1);
                counters.bump("sockets created", 1);
            }
            if (open != null) {
                open.learn(s);
                if (s.phase() == CallPhase.START) open.createPending = true;
                else if (s.phase() == CallPhase.COMPLETE) open.createPending = false;
            }
            return;
        }
        if (open != null) counters.bump("sockets replaced by a create without a close event (lost events?)", 1);
        p.closed.remove(id);
        if (failed && s.phase() != CallPhase.START) {
            if (open != null) p.open.remove(id);
            return;
        }
        SocketState st = new SocketState(id, SocketState.isFd(s), s.header().timestamp(), s.header().timestamp());
        st.createPending = s.phase() == CallPhase.START;
        st.learn(s);
        p.open.put(id, st);
        owners.put(id, p.pid);
        counters.bump("sockets created", 1);
    }

    /** An id never seen before in this process: a socket from before the trace. */
    private SocketState firstSight(ProcessState p, SocketEvent s) {
        SocketState st = new SocketState(s.endpointId(), SocketState.isFd(s), null, s.header().timestamp());
        owners.put(s.endpointId(), p.pid);
        counters.bump("sockets seen without create", 1);
        if (s.op().endsEndpoint()) {           // closing a socket from before the trace: remember it, say nothing
            st.learn(s);
            if (s.phase() == CallPhase.START) st.addPending(s, limits.maxPendingCallsPerSocket());
            end(p, st, s);
            return null;
        }
        p.open.put(s.endpointId(), st);
        for (SocketCheck c : onFirstSight) c.onFirstSight(p, st, s);
        return st;
    }

    private void onOpen(ProcessState p, SocketState st, SocketEvent s) {
        st.learn(s);
        for (SocketCheck c : onSocketEvent) c.onSocketEvent(p, st, s);
        StatusClass result = StatusClass.of(s);
        switch (s.phase()) {
            case START -> {
                SocketState.Orphan done = st.claimOrphan(s);
                if (done != null) {                  // its completion was delivered first (out of order)
                    for (SocketCheck c : onLateStart) c.onLateStart(p, st, s, done);
                } else if (!st.addPending(s, limits.maxPendingCallsPerSocket())) {
                    counters.bump("pending calls forgotten (memory bound)", 1);
                }
            }
            case COMPLETE -> {
                SocketState.PendingCall started = hasStarts(s) ? st.completes(s) : null;
                if (started != null) {
                    callEnded(s, p.pid, p.name, st, started.bufferLength());
                } else {
                    callEnded(s, p.pid, p.name, st, s.bufferLength());
                    if (hasStarts(s)) {
                        SocketState.Orphan orphan = st.addOrphan(s);
                        for (SocketCheck c : onCompletionWithoutStart) c.onCompletionWithoutStart(p, st, s, orphan);
                    }
                }
                account(st, s, result);
            }
            case SINGLE -> {
                callEnded(s, p.pid, p.name, st, s.bufferLength());
                account(st, s, result);
            }
        }
        if (s.op() == SocketOp.BIND && s.header().local().address() != null && result != StatusClass.FAILURE) {
            st.bound = s.header().local();
        }
        if (s.op() == SocketOp.LISTEN && s.phase() != CallPhase.START && result == StatusClass.SUCCESS) {
            for (SocketCheck c : onListening) c.onListening(p, st, s);
        }
        if (isCall(s) && (st.lastCallAt == null || s.header().timestamp().isAfter(st.lastCallAt))) {
            st.lastCallAt = s.header().timestamp();
            st.lastCall = SocketState.phaseText(s);
            st.lastCallProof = provesMadeAfter(s);
        }
        if (s.op().endsEndpoint()) end(p, st, s);
    }

    private void callEnded(SocketEvent s, long pid, String process, SocketState st, long posted) {
        for (SocketCheck c : onCallEnded) c.onCallEnded(s, pid, process, st, posted);
    }

    private boolean hasStarts(SocketEvent s) { return startsBySource[s.header().source().ordinal()]; }

    /** A call the program made (its start, or the whole call), other than create and close. */
    private boolean isCall(SocketEvent s) {
        if (s.op() == SocketOp.CREATE || s.op().endsEndpoint() || isNotification(s)) return false;
        return s.phase() != CallPhase.COMPLETE || !hasStarts(s);
    }

    private static void account(SocketState st, SocketEvent s, StatusClass result) {
        if (result != StatusClass.SUCCESS || s.bytes() < 0) return;
        if (s.op() == SocketOp.SEND || s.op() == SocketOp.SENDTO) st.bytesOut += s.bytes();
        else if (s.op() == SocketOp.RECV || s.op() == SocketOp.RECVFROM) st.bytesIn += s.bytes();
    }

    private void end(ProcessState p, SocketState st, SocketEvent s) {
        p.open.remove(st.id);
        if (s.op() == SocketOp.CLOSE) st.sawClose = true;
        else st.sawCleanup = true;
        st.closedBy = new Evidence(s.header().timestamp(), SocketState.phaseText(s));
        p.closed.put(st.id, st);
        counters.bump("sockets closed", 1);
        if (st.lastCallAt != null && st.lastCallAt.isAfter(st.closedBy.timestamp())) {
            // delivered before the close but made after it (events out of order): still a use after close
            useAfterClose(p, st, st.lastCallAt, st.lastCall, false, st.lastCallProof);
        }
    }

    private void afterClose(ProcessState p, SocketState st, SocketEvent s) {
        if (s.phase() == CallPhase.COMPLETE && hasStarts(s)) {
            SocketState.PendingCall started = st.completes(s);
            if (started != null) callEnded(s, p.pid, p.name, st, started.bufferLength());
            return;     // completions after close: cancelled or finished requests, or a start we did not see
        }
        if (s.op() == SocketOp.CLOSE && !st.sawClose || s.op() == SocketOp.CLEANUP && !st.sawCleanup) {
            // handle closed (cleanup), then the last reference (close); either may be delivered first
            if (s.op() == SocketOp.CLOSE) st.sawClose = true;
            else st.sawCleanup = true;
            if (s.phase() == CallPhase.START) st.addPending(s, limits.maxPendingCallsPerSocket());
            return;
        }
        if (!s.op().endsEndpoint() && isNotification(s)) return;
        if (s.header().timestamp().isBefore(st.closedBy.timestamp())) {
            counters.bump("calls delivered after the close but made before it (out of order)", 1);
            return;
        }
        useAfterClose(p, st, s.header().timestamp(), SocketState.phaseText(s), s.op().endsEndpoint(), provesMadeAfter(s));
    }

    private void useAfterClose(ProcessState p, SocketState st, Instant at, String call, boolean doubleClose,
                               boolean proof) {
        for (SocketCheck c : onUseAfterClose) c.onUseAfterClose(p, st, at, call, doubleClose, proof);
    }

    /**
     * A completion-only event (Linux syscall exit) dated after a close may be a call that was already running when
     * another thread closed the socket; a start, a single event or a bad-handle result proves the call began after.
     */
    private static boolean provesMadeAfter(SocketEvent s) {
        return s.phase() != CallPhase.COMPLETE || s.statusName() != null && BAD_HANDLE.contains(s.statusName());
    }

    /** Events the transport raises on its own (not calls of the program): normal around and after a close. */
    private static boolean isNotification(SocketEvent s) {
        switch (s.op()) {
            case ABORT, DISCONNECT, DATAGRAM_DROP, RETRANSMIT, RECONNECT, OTHER:
                return true;
            default:
                String ev = s.header().raw().get("event");
                return ev != null && (ev.startsWith("AfdDataIndication") || ev.startsWith("AfdConnectIndication")
                        || ev.startsWith("AfdSendBackLog"));
        }
    }

    private void processExit(EventHeader h) {
        exited.put(h.pid(), h.timestamp());
        ProcessState p = processes.remove(h.pid());
        if (p == null) return;
        if (h.process() != null) p.name = h.process();
        for (SocketState st : p.open.values()) {
            owners.remove(st.id);
            if (st.createdInTrace()) {
                for (SocketCheck c : onOpenAtExit) c.onOpenAtExit(p, st, h.timestamp());
            }
        }
        for (SocketState st : p.closed.values()) owners.remove(st.id);
    }
}
