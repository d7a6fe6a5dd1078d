package wstool.verify;

import java.time.Instant;

/**
 * WS002: a call on a socket after its close/cleanup, or a second close; one finding per socket instance, an error
 * once an event proves the call began after the close, a warning while only a completion is dated after it.
 */
final class UseAfterCloseCheck implements SocketCheck {
    private final Findings findings;

    UseAfterCloseCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS002; }

    @Override
    public void onUseAfterClose(ProcessState p, SocketState st, Instant at, String call, boolean doubleClose,
                                boolean proof) {
        FindingBuilder f = st.useAfterCloseFinding;
        if (f == null) {
            f = findings.add(Check.WS002, p.pid, p.name, st.id);
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
}
