package wstool.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finding as it grows (counts, last time, evidence) on the consumer thread; {@link #build()} freezes it. */
final class FindingBuilder {
    static final int MAX_EVIDENCE = 6;

    final Check check;
    Severity severity;
    final long pid;
    String process;
    final long endpointId;
    String endpoint = "";
    SocketState socket;
    String message;
    final List<Evidence> evidence = new ArrayList<>(2);
    long count;
    Instant first, last;
    final Map<String, String> details = new LinkedHashMap<>();
    /** Withdrawn when a late event (earlier timestamp, delivered out of order) explained it. */
    boolean retracted;

    FindingBuilder(Check check, long pid, String process, long endpointId) {
        this.check = check;
        this.severity = check.severity();
        this.pid = pid;
        this.process = process;
        this.endpointId = endpointId;
    }

    /** Counts one more occurrence at {@code t}, keeping the first few as evidence and always the latest. */
    FindingBuilder occurred(Instant t, String what) {
        count++;
        if (first == null || t.isBefore(first)) first = t;
        if (last == null || t.isAfter(last)) last = t;
        Evidence ev = new Evidence(t, what);
        if (evidence.size() < MAX_EVIDENCE) evidence.add(ev);
        else evidence.set(MAX_EVIDENCE - 1, ev);
        return this;
    }

    FindingBuilder evidence(Instant t, String what) {
        if (evidence.size() < MAX_EVIDENCE) evidence.add(new Evidence(t, what));
        if (first == null || t.isBefore(first)) first = t;
        if (last == null || t.isAfter(last)) last = t;
        return this;
    }

    Finding build() {
        String ep = socket != null ? socket.describe() : endpoint;
        String msg = message;
        return new Finding(check, severity, pid, process, endpointId, ep, msg, evidence, Math.max(count, 1),
                first, last, details);
    }
}
