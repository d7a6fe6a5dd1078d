package wstool.verify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** WS001: a socket created in the trace and never closed before its process exited (error) or the trace ended (warning). */
final class LeakedSocketCheck implements SocketCheck {
    private final Findings findings;
    private final Coverage coverage;
    /** Leaks reported at a process exit, by "pid:socket", so a close delivered late can withdraw them. */
    private final LinkedHashMap<String, FindingBuilder> atExit = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FindingBuilder> eldest) {
            return size() > Findings.MAX_RETRACTABLE;
        }
    };

    LeakedSocketCheck(Findings findings, Coverage coverage) {
        this.findings = findings;
        this.coverage = coverage;
    }

    @Override public Check code() { return Check.WS001; }

    @Override
    public void onOpenAtExit(ProcessState p, SocketState st, Instant exit) { leak(p, st, exit, true); }

    @Override
    public void onClosedBeforeExit(long pid, long socketId) {
        FindingBuilder leak = atExit.remove(pid + ":" + socketId);
        if (leak != null) leak.retracted = true;    // it was closed before the exit after all
    }

    @Override
    public void onOpenAtEnd(ProcessState p, SocketState st, Instant end) {
        if (st.createdInTrace() && coverage.ran(Check.WS001)) leak(p, st, end, false);
    }

    private void leak(ProcessState p, SocketState st, Instant at, boolean exited) {
        FindingBuilder f = findings.add(Check.WS001, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.severity = exited ? Severity.ERROR : Severity.WARNING;
        f.message = exited
                ? "socket created at " + st.created + " was never closed before the process exited at " + at
                  + ": closesocket()/close() missing on some path (leak; the OS reclaimed it at exit)"
                : "socket created at " + st.created + " was still open when the trace ended at " + at
                  + ": a leak if the program no longer uses it (long-lived connections and listeners are listed too)";
        f.occurred(st.created, "CREATE");
        f.evidence(at, exited ? "process exit" : "end of trace");
        f.count = 1;
        if (exited) atExit.put(p.pid + ":" + st.id, f);
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
}
