package wstool.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every finding the checks make, and the one place their limits are applied: at most
 * {@link VerifierLimits#maxFindingsPerCheck()} per process and check (further ones are counted as suppressed), at
 * most {@link FindingBuilder#MAX_EVIDENCE} evidence events each, and at most {@link #MAX_RETRACTABLE} findings kept
 * retractable by a late event.
 */
final class Findings {
    /** Leaks reported at a process exit that a close delivered late may still withdraw. */
    static final int MAX_RETRACTABLE = 65_536;

    private final int maxPerProcessAndCheck;
    private final Counters counters;
    private final List<FindingBuilder> all = new ArrayList<>();
    private final Map<String, Integer> perProcessAndCheck = new HashMap<>();

    Findings(VerifierLimits limits, Counters counters) {
        this.maxPerProcessAndCheck = limits.maxFindingsPerCheck();
        this.counters = counters;
    }

    /** A new finding, or null when this process already has the maximum of this check (counted as suppressed). */
    FindingBuilder add(Check check, long pid, String process, long endpointId) {
        int n = perProcessAndCheck.merge(pid + "|" + check, 1, Integer::sum);
        if (n > maxPerProcessAndCheck) {
            counters.bump("findings suppressed (more than " + maxPerProcessAndCheck + " per process and check)", 1);
            return null;
        }
        FindingBuilder f = new FindingBuilder(check, pid, process, endpointId);
        all.add(f);
        return f;
    }

    /** The findings not retracted, of the checks {@code reported} keeps, in report order. */
    List<Finding> build(Predicate<Check> reported) {
        List<Finding> out = new ArrayList<>(all.size());
        for (FindingBuilder f : all) {
            if (f.retracted || !reported.test(f.check)) continue;
            out.add(f.build());
        }
        out.sort(VerifyReport.ORDER);
        return out;
    }
}
