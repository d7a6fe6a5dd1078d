package wstool.verify;

import wstool.core.model.SocketEvent;

/**
 * WS006: a call completed on a socket created in the trace without a matching start, from a source that reports
 * starts; withdrawn when the start turns up late.
 */
final class CompletionWithoutStartCheck implements SocketCheck {
    private final Findings findings;

    CompletionWithoutStartCheck(Findings findings) { this.findings = findings; }

    @Override public Check code() { return Check.WS006; }

    @Override
    public void onCompletionWithoutStart(ProcessState p, SocketState st, SocketEvent s, SocketState.Orphan orphan) {
        if (!st.createdInTrace()) return;
        FindingBuilder f = findings.add(Check.WS006, p.pid, p.name, st.id);
        if (f == null) return;
        f.socket = st;
        f.message = s.op() + " completed without a matching start on a socket created in the trace: the start event "
                + "was lost (see lost/dropped events) or the completion was reported twice";
        f.occurred(s.header().timestamp(), SocketState.phaseText(s) + " (no start)");
        if (s.bytes() >= 0) f.details.put("bytes", Long.toString(s.bytes()));
        orphan.finding = f;
    }

    @Override
    public void onLateStart(ProcessState p, SocketState st, SocketEvent start, SocketState.Orphan completion) {
        if (completion.finding != null) completion.finding.retracted = true;
    }
}
