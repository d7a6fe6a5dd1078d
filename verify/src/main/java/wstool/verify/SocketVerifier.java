package wstool.verify;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import wstool.core.model.CallPhase;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.pipeline.EventSink;

/**
 * Application Verifier's networking checks, from the outside: follows every socket of every process through the
 * event stream (per process, per socket id: create, calls started and completed, close/cleanup) and reports the
 * defects listed in {@link Check}. It is an {@link EventSink}, so it runs on any source the pipeline has (live
 * ETW, .etl files, replay, the Linux trace backend) on the events that pass the filters.
 * <p>
 * Lifecycle rules: a CREATE starts a new socket instance, also when its id was used by a socket closed before (ids
 * are reused: AFD endpoint addresses, Linux fds): that is never a use after close. The first CLOSE or CLEANUP ends
 * the instance; completions of calls started before that, transport notifications (abort, disconnect, data and
 * connect indications) and the CLOSE that follows a CLEANUP are normal afterwards; any other call, or a second close,
 * is {@link Check#WS002}. A socket first seen on another operation existed before the trace ({@link Check#WS003},
 * info); it is followed from then on but never called leaked. On Linux a successful accept creates the socket whose
 * fd it returns (its event carries that fd). Leaks are reported when the source signals the
 * process's exit ({@link ProcessExit}) or, weaker, when the trace ends ({@link #close()}).
 * <p>
 * Threading: {@link #accept} is called by the pipeline's consumer thread; {@link #snapshot()} and {@link #report()}
 * may be called from any thread (one lock; uncontended on the hot path).
 */
public final class SocketVerifier implements EventSink {
    private final VerifierLimits limits;
    private final Object lock = new Object();
    private final LinkedHashMap<Long, ProcessState> processes;
    private final LinkedHashMap<Long, Long> owners;
    /** Exit time of processes that have exited, to tell their late-delivered events from a reused pid. */
    private final LinkedHashMap<Long, Instant> exited;
    /** Leaks reported at a process exit, by "pid:socket", so a close delivered late can withdraw them. */
    private final LinkedHashMap<String, FindingBuilder> exitLeaks;
    private final Coverage coverage = new Coverage();
    /** Sources that report call starts; for the others (Linux) a COMPLETE is the whole call. */
    private final boolean[] startsBySource = new boolean[wstool.core.model.Source.values().length];
    private final List<FindingBuilder> findings = new ArrayList<>();
    private final Map<String, Integer> findingsPerProcessCheck = new HashMap<>();
    private final Map<String, FindingBuilder> groups = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long events;
    private Instant firstEvent, lastEvent;
    private VerifyReport finalReport;
    private volatile boolean live;

    public SocketVerifier() { this(VerifierLimits.DEFAULT); }

    public SocketVerifier(VerifierLimits limits) {
        this.limits = Objects.requireNonNull(limits);
        this.processes = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ProcessState> eldest) {
                if (size() <= limits.maxProcesses()) return false;
                bump("processes evicted (memory bound)", 1);
                bump("open sockets forgotten with an evicted process", eldest.getValue().open.size());
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
        this.exitLeaks = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FindingBuilder> eldest) { return size() > 65_536; }
        };
        for (String k : List.of("events", "socket events", "sockets created", "sockets closed",
                "sockets seen without create")) counters.put(k, 0L);
    }

    /**
     * For live sources: the trace ends when {@link #close()} is called (wall clock), not at the last event, so a
     * socket opened just before a quiet minute and a call pending since then are judged by the real end.
     */
    public SocketVerifier live(boolean isLive) {
        this.live = isLive;
        return this;
    }

    /**
     * Tells whether a DROP list is loaded (Spamhaus DROP/ASN-DROP, or IPFire's DROP flag): without one, WS008 is
     * reported as not run even when other enrichment (country, ASN) is present. Not calling this leaves WS008 to
     * judge from the events alone.
     */
    public SocketVerifier dropListLoaded(boolean loaded) {
        synchronized (lock) {
            coverage.dropList = loaded;
        }
        return this;
    }

    // ---------------------------------------------------------------- EventSink

    @Override
    public void accept(NetEvent e) {
        synchronized (lock) {
            if (finalReport != null) return;
            observe(e);
        }
    }

    @Override
    public void flush() { }

    /** The trace has ended: sockets still open are reported as leaks (warning), pending calls as hung. */
    @Override
    public void close() {
        synchronized (lock) {
            if (finalReport == null) finalReport = finish();
        }
    }

    /** Adds a line to the report's notes (e.g. "1,234 events were lost: findings may be artefacts"). */
    public void note(String text) {
        synchronized (lock) {
            notes.add(text);
            if (finalReport != null) {
                finalReport = new VerifyReport(finalReport.traceStart(), finalReport.traceEnd(), finalReport.findings(),
                        finalReport.checks(), finalReport.stats(), List.copyOf(notes));
            }
        }
    }

    /** The final report; ends the trace first if {@link #close()} has not been called yet. */
    public VerifyReport report() {
        close();
        synchronized (lock) {
            return finalReport;
        }
    }

    /** The findings so far, immutable; safe from any thread (for live views). */
    public VerifySnapshot snapshot() {
        synchronized (lock) {
            List<Finding> list = finalReport != null ? finalReport.findings() : buildFindings();
            long err = 0, warn = 0, info = 0;
            for (Finding f : list) {
                if (f.severity() == Severity.ERROR) err++;
                else if (f.severity() == Severity.WARNING) warn++;
                else info++;
            }
            return new VerifySnapshot(list, events, err, warn, info, finalReport != null);
        }
    }

    // ---------------------------------------------------------------- per event

    private void observe(NetEvent e) {
        events++;
        Instant t = e.header().timestamp();
        if (firstEvent == null || t.isBefore(firstEvent)) firstEvent = t;
        if (lastEvent == null || t.isAfter(lastEvent)) lastEvent = t;
        if (ProcessExit.is(e)) {
            processExit(e.header());
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
                bump("events delivered after their process's exit (out of order; not checked)", 1);
                FindingBuilder leak = validId && s.op().endsEndpoint() ? exitLeaks.remove(pid + ":" + id) : null;
                if (leak != null) leak.retracted = true;    // it was closed before the exit after all
                return;
            }
            exited.remove(pid);             // a new process with a reused pid
        }
        String process = s.header().process();

        checkFailure(s, pid, process);
        checkDropPeer(s, pid, process);
        if (!validId) {
            if (s.phase() != CallPhase.START) checkOverlong(s, pid, process, null, s.bufferLength());
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
            p = new ProcessState(pid, name, limits, this::bump);
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
                if (late.unknownFinding != null) late.unknownFinding.retracted = true;
                late.unknownFinding = null;
                bump("sockets seen without create", -1);
                bump("sockets created", 1);
            }
            if (open != null) {
                open.learn(s);
                if (s.phase() == CallPhase.START) open.createPending = true;
                else if (s.phase() == CallPhase.COMPLETE) open.createPending = false;
            }
            return;
        }
        if (open != null) bump("sockets replaced by a create without a close event (lost events?)", 1);
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
        bump("sockets created", 1);
    }

    /** An id never seen before in this process: a socket from before the trace. */
    private SocketState firstSight(ProcessState p, SocketEvent s) {
        SocketState st = new SocketState(s.endpointId(), SocketState.isFd(s), null, s.header().timestamp());
        owners.put(s.endpointId(), p.pid);
        bump("sockets seen without create", 1);
        if (s.op().endsEndpoint()) {           // closing a socket from before the trace: remember it, say nothing
            st.learn(s);
            if (s.phase() == CallPhase.START) st.addPending(s, limits.maxPendingCallsPerSocket());
            end(p, st, s);
            return null;
        }
        p.open.put(s.endpointId(), st);
        FindingBuilder f = add(Check.WS003, p.pid, p.name, st.id);
        if (f != null) {
            f.socket = st;
            f.message = SocketState.phaseText(s) + " on a socket never seen created: it was most likely created "
                    + "before the trace started (not a bug by itself); count = operations seen on it";
            f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " (first event seen on this socket)");
            st.unknownFinding = f;
        }
        return st;
    }

    private void onOpen(ProcessState p, SocketState st, SocketEvent s) {
        st.learn(s);
        if (st.unknownFinding != null && st.events > 1) st.unknownFinding.count++;
        StatusClass result = StatusClass.of(s);
        switch (s.phase()) {
            case START -> {
                SocketState.Orphan done = st.claimOrphan(s);
                if (done != null) {                  // its completion was delivered first (out of order)
                    if (done.finding() != null) done.finding().retracted = true;
                    if (s.op().transfersData() && s.bufferLength() >= 0 && done.bytes() > s.bufferLength()) {
                        overlong(s.op(), done.at(), done.bytes(), s.bufferLength(), p.pid, p.name, st);
                    }
                } else if (!st.addPending(s, limits.maxPendingCallsPerSocket())) {
                    bump("pending calls forgotten (memory bound)", 1);
                }
            }
            case COMPLETE -> {
                SocketState.PendingCall started = hasStarts(s) ? st.completes(s) : null;
                if (started != null) {
                    checkOverlong(s, p.pid, p.name, st, started.bufferLength());
                } else {
                    checkOverlong(s, p.pid, p.name, st, s.bufferLength());
                    if (hasStarts(s)) st.addOrphan(s, st.createdInTrace() ? completionWithoutStart(p, st, s) : null);
                }
                account(st, s, result);
            }
            case SINGLE -> {
                checkOverlong(s, p.pid, p.name, st, s.bufferLength());
                account(st, s, result);
            }
        }
        if (s.op() == SocketOp.BIND && s.header().local().address() != null && result != StatusClass.FAILURE) {
            st.bound = s.header().local();
        }
        if (s.op() == SocketOp.LISTEN && s.phase() != CallPhase.START && result == StatusClass.SUCCESS) {
            checkListen(p, st, s);
        }
        if (isCall(s) && (st.lastCallAt == null || s.header().timestamp().isAfter(st.lastCallAt))) {
            st.lastCallAt = s.header().timestamp();
            st.lastCall = SocketState.phaseText(s);
            st.lastCallProof = provesMadeAfter(s);
        }
        if (s.op().endsEndpoint()) end(p, st, s);
    }

    private boolean hasStarts(SocketEvent s) { return startsBySource[s.header().source().ordinal()]; }

    /** A call the program made (its start, or the whole call), other than create and close. */
    private boolean isCall(SocketEvent s) {
        if (s.op() == SocketOp.CREATE || s.op().endsEndpoint() || isNotification(s)) return false;
        return s.phase() != CallPhase.COMPLETE || !hasStarts(s);
    }

    private void account(SocketState st, SocketEvent s, StatusClass result) {
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
        bump("sockets closed", 1);
        if (st.lastCallAt != null && st.lastCallAt.isAfter(st.closedBy.timestamp())) {
            // delivered before the close but made after it (events out of order): still a use after close
            useAfterClose(p, st, st.lastCallAt, st.lastCall, false, st.lastCallProof);
        }
    }

    private void afterClose(ProcessState p, SocketState st, SocketEvent s) {
        if (s.phase() == CallPhase.COMPLETE && hasStarts(s)) {
            SocketState.PendingCall started = st.completes(s);
            if (started != null) checkOverlong(s, p.pid, p.name, st, started.bufferLength());
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
            bump("calls delivered after the close but made before it (out of order)", 1);
            return;
        }
        useAfterClose(p, st, s.header().timestamp(), SocketState.phaseText(s), s.op().endsEndpoint(), provesMadeAfter(s));
    }

    private static final java.util.Set<String> BAD_HANDLE = java.util.Set.of(
            "EBADF", "ENOTSOCK", "STATUS_INVALID_HANDLE", "WSAENOTSOCK", "WSAEBADF");

    /**
     * A completion-only event (Linux syscall exit) dated after a close may be a call that was already running when
     * another thread closed the socket; a start, a single event or a bad-handle result proves the call began after.
     */
    private static boolean provesMadeAfter(SocketEvent s) {
        return s.phase() != CallPhase.COMPLETE || s.statusName() != null && BAD_HANDLE.contains(s.statusName());
    }

    private void useAfterClose(ProcessState p, SocketState st, Instant at, String call, boolean doubleClose,
                               boolean proof) {
        FindingBuilder f = st.useAfterCloseFinding;
        if (f == null) {
            f = add(Check.WS002, p.pid, p.name, st.id);
            if (f == null) return;
            f.socket = st;
            f.severity = Severity.WARNING;
            f.evidence(st.closedBy.timestamp(), st.closedBy.event() + " (socket closed)");
            if (st.created != null) f.details.put("created", st.created.toString());
            f.details.put("closed", st.closedBy.timestamp().toString());
            st.useAfterCloseFinding = f;
        }
        f.occurred(at, call + " after close");
        if (f.message != null && (!proof || f.severity == Severity.ERROR)) return;
        String op = call.split(" ")[0];
        f.severity = proof ? Severity.ERROR : Severity.WARNING;
        f.message = doubleClose
                ? "socket closed twice: the second " + op + " is on a handle/fd already closed at "
                  + st.closedBy.timestamp() + " (double close; with fd reuse it can close another thread's socket)"
                : proof
                ? op + " on a socket already closed at " + st.closedBy.timestamp()
                  + ": a stale SOCKET handle/fd was used (closed by another thread or path, or not invalidated after closesocket/close)"
                : op + " completed after the socket was closed at " + st.closedBy.timestamp()
                  + ": it was still running when another thread closed the socket (closesocket/close while in use), or was made after the close";
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

    // ---------------------------------------------------------------- checks

    private FindingBuilder completionWithoutStart(ProcessState p, SocketState st, SocketEvent s) {
        FindingBuilder f = add(Check.WS006, p.pid, p.name, st.id);
        if (f == null) return null;
        f.socket = st;
        f.message = s.op() + " completed without a matching start on a socket created in the trace: the start event "
                + "was lost (see lost/dropped events) or the completion was reported twice";
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " (no start)");
        if (s.bytes() >= 0) f.details.put("bytes", Long.toString(s.bytes()));
        return f;
    }

    private void checkOverlong(SocketEvent s, long pid, String process, SocketState st, long posted) {
        if (!s.op().transfersData() || posted < 0 || s.bytes() < 0 || s.bytes() <= posted) return;
        overlong(s.op(), s.header().timestamp(), s.bytes(), posted, pid, process, st);
    }

    private void overlong(SocketOp op, Instant at, long bytes, long posted, long pid, String process, SocketState st) {
        FindingBuilder f = add(Check.WS005, pid, process, st == null ? -1 : st.id);
        if (f == null) return;
        f.socket = st;
        f.message = op + " completed with " + bytes + " bytes for a " + posted + "-byte buffer: more than the "
                + "caller asked for (contract violation: a layered provider or filter driver misreporting, or events "
                + "mismatched after losses)";
        f.occurred(at, op + " bytes=" + bytes);
        f.details.put("posted", Long.toString(posted));
        f.details.put("bytes", Long.toString(bytes));
    }

    private void checkFailure(SocketEvent s, long pid, String process) {
        if (s.phase() == CallPhase.START || s.statusName() == null && s.status() == 0) return;
        StatusClass c = StatusClass.of(s);
        if (c == StatusClass.WOULD_BLOCK) bump("would-block results (not failures)", 1);
        if (c != StatusClass.FAILURE) return;
        String status = StatusClass.name(s);
        String key = "F|" + pid + "|" + process + "|" + s.op() + "|" + status;
        FindingBuilder f = groups.get(key);
        if (f == null) {
            f = add(Check.WS004, pid, process, -1);
            if (f == null) return;
            groups.put(key, f);
            f.message = s.op() + " failed with " + status + ": " + FailureCauses.likelyCause(status);
            f.details.put("call", s.op().name());
            f.details.put("status", status);
            f.details.put("code", String.format("0x%X", s.status()));
        }
        Endpoint r = s.header().remote();
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " " + status
                + (s.endpointId() != -1 && s.endpointId() != 0 ? " on " + SocketState.idText(s) : "")
                + (r.address() != null ? " to " + r : ""));
    }

    private void checkDropPeer(SocketEvent s, long pid, String process) {
        InetAddress remote = s.header().remote().address();
        String dropId = s.header().enrichment().dropId();
        if (remote == null || dropId == null) return;
        String key = "D|" + pid + "|" + process + "|" + remote.getHostAddress();
        FindingBuilder f = groups.get(key);
        if (f == null) {
            f = add(Check.WS008, pid, process, -1);
            if (f == null) return;
            groups.put(key, f);
            f.endpoint = remote.getHostAddress();
            var en = s.header().enrichment();
            f.message = "traffic with " + remote.getHostAddress() + ", listed on Spamhaus DROP (" + dropId
                    + "): a network run by criminals or hijacked; find out why this program talks to it";
            f.details.put("remote", remote.getHostAddress());
            f.details.put("dropId", dropId);
            if (en.asn() != null) f.details.put("asn", "AS" + en.asn() + (en.asOrg() == null ? "" : " " + en.asOrg()));
            if (en.countryCode() != null) f.details.put("country", en.countryCode());
        }
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " " + s.header().remote()
                + (s.endpointId() != -1 && s.endpointId() != 0 ? " on " + SocketState.idText(s) : ""));
    }

    private void checkListen(ProcessState p, SocketState st, SocketEvent s) {
        if (st.listenChecked) return;
        Endpoint where = s.header().local().address() != null ? s.header().local() : st.bound;
        if (where.address() == null) return;
        st.listenChecked = true;
        if (!where.address().isAnyLocalAddress()) return;
        FindingBuilder f = add(Check.WS009, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.message = "listening on " + where + " (all interfaces): reachable from every network the host is on; bind "
                + "to 127.0.0.1/::1 or one address if only local or known clients need it";
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " on " + where);
        f.details.put("local", where.toString());
    }

    private void processExit(EventHeader h) {
        exited.put(h.pid(), h.timestamp());
        ProcessState p = processes.remove(h.pid());
        if (p == null) return;
        if (h.process() != null) p.name = h.process();
        for (SocketState st : p.open.values()) {
            owners.remove(st.id);
            if (st.createdInTrace()) leak(p, st, h.timestamp(), true);
        }
        for (SocketState st : p.closed.values()) owners.remove(st.id);
    }

    private void leak(ProcessState p, SocketState st, Instant at, boolean atExit) {
        FindingBuilder f = add(Check.WS001, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.severity = atExit ? Severity.ERROR : Severity.WARNING;
        f.message = atExit
                ? "socket created at " + st.created + " was never closed before the process exited at " + at
                  + ": closesocket()/close() missing on some path (leak; the OS reclaimed it at exit)"
                : "socket created at " + st.created + " was still open when the trace ended at " + at
                  + ": a leak if the program no longer uses it (long-lived connections and listeners are listed too)";
        f.occurred(st.created, "CREATE");
        f.evidence(at, atExit ? "process exit" : "end of trace");
        f.count = 1;
        if (atExit) exitLeaks.put(p.pid + ":" + st.id, f);
        f.details.put("created", st.created.toString());
        if (st.family >= 0) f.details.put("family", Integer.toString(st.family));
        if (st.socketType >= 0) f.details.put("type", Integer.toString(st.socketType));
        if (st.ipProtocol >= 0) f.details.put("protocol", Integer.toString(st.ipProtocol));
        if (st.local.address() != null || st.bound.address() != null) {
            f.details.put("local", (st.local.address() != null ? st.local : st.bound).toString());
        }
        if (st.remote.address() != null) f.details.put("remote", st.remote.toString());
        f.details.put("bytesSent", Long.toString(st.bytesOut));
        f.details.put("bytesReceived", Long.toString(st.bytesIn));
    }

    private void hung(ProcessState p, SocketState st, SocketState.PendingCall c, Instant end) {
        Duration age = Duration.between(c.at(), end);
        if (age.compareTo(limits.hungAfter()) < 0) return;
        FindingBuilder f = add(Check.WS007, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        boolean waiting = c.op() == SocketOp.ACCEPT || c.op() == SocketOp.RECV || c.op() == SocketOp.RECVFROM
                || c.op() == SocketOp.LISTEN;
        f.severity = waiting ? Severity.INFO : Severity.WARNING;
        String secs = String.format("%.1f s", age.toMillis() / 1000.0);
        f.message = c.op() + " started at " + c.at() + " had not completed " + secs + " later when the trace ended: "
                + (waiting ? "waiting for a peer, normal for servers and idle connections"
                           : "the call is blocked on an unresponsive peer, network or driver");
        f.occurred(c.at(), c.op() + " START");
        f.evidence(end, "end of trace (still pending)");
        f.count = 1;
        f.details.put("pendingFor", secs);
        if (c.bufferLength() >= 0) f.details.put("posted", Long.toString(c.bufferLength()));
    }

    /** A new finding, or null when this process already has the maximum of this check (counted as suppressed). */
    private FindingBuilder add(Check check, long pid, String process, long endpointId) {
        String key = pid + "|" + check;
        int n = findingsPerProcessCheck.merge(key, 1, Integer::sum);
        if (n > limits.maxFindingsPerCheck()) {
            bump("findings suppressed (more than " + limits.maxFindingsPerCheck() + " per process and check)", 1);
            return null;
        }
        FindingBuilder f = new FindingBuilder(check, pid, process, endpointId);
        findings.add(f);
        return f;
    }

    private void bump(String counter, long n) {
        if (n != 0) counters.merge(counter, n, Long::sum);
    }

    // ---------------------------------------------------------------- end of trace

    private VerifyReport finish() {
        Instant end = lastEvent == null ? Instant.EPOCH : lastEvent;
        if (live && lastEvent != null && Instant.now().isAfter(end)) end = Instant.now();
        for (ProcessState p : processes.values()) {
            for (SocketState st : p.open.values()) {
                if (st.createdInTrace() && coverage.ran(Check.WS001)) leak(p, st, end, false);
                if (coverage.ran(Check.WS007)) {
                    for (SocketState.PendingCall c : st.pending) {
                        if (c.op() != SocketOp.CREATE) hung(p, st, c, end);
                    }
                }
            }
        }
        return new VerifyReport(firstEvent, lastEvent == null ? null : end, buildFindings(), coverage.statuses(), stats(),
                List.copyOf(notes));
    }

    private List<Finding> buildFindings() {
        List<Finding> out = new ArrayList<>(findings.size());
        for (FindingBuilder f : findings) {
            if (f.retracted || f.check == Check.WS003 && !coverage.ran(Check.WS003)) continue;
            out.add(f.build());
        }
        out.sort(VerifyReport.ORDER);
        return out;
    }

    private Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>(counters);
        m.put("events", events);
        m.put("socket events", coverage.socketEvents);
        return m;
    }
}
