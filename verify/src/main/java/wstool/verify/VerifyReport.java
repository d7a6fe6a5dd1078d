package wstool.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's result: findings sorted by process then code then time, which checks ran, counters of what was
 * seen or forgotten (memory bounds), and notes on the trace (lost events).
 *
 * @param traceStart first event time, null when no event was seen
 * @param stats ordered counters: events, socket events, sockets tracked, evicted, suppressed findings, ...
 */
public record VerifyReport(Instant traceStart, Instant traceEnd, List<Finding> findings, List<CheckStatus> checks,
                           Map<String, Long> stats, List<String> notes) {
    static final Comparator<Finding> ORDER = Comparator.comparingLong(Finding::pid)
            .thenComparing(f -> f.process() == null ? "" : f.process())
            .thenComparing(Finding::check)
            .thenComparing(f -> f.first() == null ? Instant.MIN : f.first())
            .thenComparingLong(Finding::endpointId);

    public VerifyReport {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        findings = List.copyOf(sorted);
        checks = List.copyOf(checks);
        stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
        notes = List.copyOf(notes);
    }

    /** The process a group of findings belongs to. */
    public record ProcessKey(long pid, String process) {
        public String label() {
            String p = process == null || process.isEmpty() ? "(unknown image)" : process;
            return pid < 0 ? "unattributed events" : "pid " + pid + " " + p;
        }
    }

    /** Findings grouped by process (in pid order), each group in code then time order. */
    public Map<ProcessKey, List<Finding>> byProcess() {
        Map<ProcessKey, List<Finding>> m = new LinkedHashMap<>();
        for (Finding f : findings) m.computeIfAbsent(new ProcessKey(f.pid(), f.process()), k -> new ArrayList<>()).add(f);
        return m;
    }

    public long count(Severity s) { return findings.stream().filter(f -> f.severity() == s).count(); }

    /** True when some finding is an error: {@code --verify} then exits with status 3. */
    public boolean hasErrors() { return count(Severity.ERROR) > 0; }

    public List<Finding> findings(Check c) { return findings.stream().filter(f -> f.check() == c).toList(); }

    public CheckStatus status(Check c) {
        return checks.stream().filter(s -> s.check() == c).findFirst().orElseThrow();
    }
}
