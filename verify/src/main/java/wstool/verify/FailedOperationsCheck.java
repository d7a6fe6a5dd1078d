package wstool.verify;

import java.util.HashMap;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Endpoint;
import wstool.core.model.SocketEvent;

/** WS004: failed calls grouped by process, call and status, with counts and first/last time; would-block is no failure. */
final class FailedOperationsCheck implements SocketCheck {
    private final Findings findings;
    private final Counters counters;
    private final Map<String, FindingBuilder> groups = new HashMap<>();

    FailedOperationsCheck(Findings findings, Counters counters) {
        this.findings = findings;
        this.counters = counters;
    }

    @Override public Check code() { return Check.WS004; }

    @Override
    public void onEvent(SocketEvent s, long pid, String process) {
        if (s.phase() == CallPhase.START || s.statusName() == null && s.status() == 0) return;
        StatusClass c = StatusClass.of(s);
        if (c == StatusClass.WOULD_BLOCK) counters.bump("would-block results (not failures)", 1);
        if (c != StatusClass.FAILURE) return;
        String status = StatusClass.name(s);
        String key = pid + "|" + process + "|" + s.op() + "|" + status;
        FindingBuilder f = groups.get(key);
        if (f == null) {
            f = findings.add(Check.WS004, pid, process, -1);
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
}
