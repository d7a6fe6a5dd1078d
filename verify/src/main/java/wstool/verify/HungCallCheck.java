package wstool.verify;

import java.time.Duration;
import java.time.Instant;
import wstool.core.model.SocketOp;

/**
 * WS007: a call started and not completed when the trace ended, at least {@link VerifierLimits#hungAfter()} before;
 * a waiting accept/receive/listen is info (normal for servers and idle connections).
 */
final class HungCallCheck implements SocketCheck {
    private final Findings findings;
    private final Coverage coverage;
    private final Duration hungAfter;

    HungCallCheck(Findings findings, Coverage coverage, Duration hungAfter) {
        this.findings = findings;
        this.coverage = coverage;
        this.hungAfter = hungAfter;
    }

    @Override public Check code() { return Check.WS007; }

    @Override
    public void onOpenAtEnd(ProcessState p, SocketState st, Instant end) {
        if (!coverage.ran(Check.WS007)) return;
        for (SocketState.PendingCall c : st.pending) {
            if (c.op() != SocketOp.CREATE) hung(p, st, c, end);
        }
    }

    private void hung(ProcessState p, SocketState st, SocketState.PendingCall c, Instant end) {
        Duration age = Duration.between(c.at(), end);
        if (age.compareTo(hungAfter) < 0) return;
        FindingBuilder f = findings.add(Check.WS007, p.pid, p.name, st.id);
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
}
