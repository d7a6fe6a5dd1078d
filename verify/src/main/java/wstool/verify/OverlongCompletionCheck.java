package wstool.verify;

import java.time.Instant;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;

/** WS005: a send/receive completed with more bytes than the buffer the caller posted. */
final class OverlongCompletionCheck implements SocketCheck {
    private final Findings findings;

    OverlongCompletionCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS005; }

    @Override
    public void onCallEnded(SocketEvent s, long pid, String process, SocketState st, long posted) {
        if (!s.op().transfersData() || posted < 0 || s.bytes() < 0 || s.bytes() <= posted) return;
        overlong(s.op(), s.header().timestamp(), s.bytes(), posted, pid, process, st);
    }

    @Override
    public void onLateStart(ProcessState p, SocketState st, SocketEvent start, SocketState.Orphan done) {
        if (start.op().transfersData() && start.bufferLength() >= 0 && done.bytes > start.bufferLength()) {
            overlong(start.op(), done.at, done.bytes, start.bufferLength(), p.pid, p.name, st);
        }
    }

    private void overlong(SocketOp op, Instant at, long bytes, long posted, long pid, String process, SocketState st) {
        FindingBuilder f = findings.add(Check.WS005, pid, process, st == null ? -1 : st.id);
        if (f == null) return;
        f.socket = st;
        f.message = op + " completed with " + bytes + " bytes for a " + posted + "-byte buffer: more than the "
                + "caller asked for (contract violation: a layered provider or filter driver misreporting, or events "
                + "mismatched after losses)";
        f.occurred(at, op + " bytes=" + bytes);
        f.details.put("posted", Long.toString(posted));
        f.details.put("bytes", Long.toString(bytes));
    }
}
