package wstool.verify;

import wstool.core.model.SocketEvent;

/**
 * WS003 (info): operations on a socket never seen created, most likely created before the trace; reported only when
 * the trace has creates at all, withdrawn when the create turns up late.
 */
final class UnknownEndpointCheck implements SocketCheck {
    private final Findings findings;

    UnknownEndpointCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS003; }

    @Override
    public void onFirstSight(ProcessState p, SocketState st, SocketEvent s) {
        FindingBuilder f = findings.add(Check.WS003, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.message = SocketState.phaseText(s) + " on a socket never seen created: it was most likely created "
                + "before the trace started (not a bug by itself); count = operations seen on it";
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " (first event seen on this socket)");
        st.unknownFinding = f;
    }

    @Override
    public void onSocketEvent(ProcessState p, SocketState st, SocketEvent s) {
        if (st.unknownFinding != null && st.events > 1) st.unknownFinding.count++;
    }

    @Override
    public void onLateCreate(SocketState st) {
        if (st.unknownFinding != null) st.unknownFinding.retracted = true;
        st.unknownFinding = null;
    }

    @Override
    public boolean reported(Coverage coverage) { return coverage.ran(Check.WS003); }
}
