package wstool.verify;

import java.util.List;

/**
 * The findings so far, for a live view (the TUI findings panel): an immutable copy, safe to keep and read on any
 * thread. Leaks and hung calls are only known at process exit or trace end, so a live snapshot shows the leaks of
 * processes that have exited and everything else found so far.
 *
 * @param events events the verifier has seen
 * @param finished whether the trace has ended (then this equals the final report's findings)
 */
public record VerifySnapshot(List<Finding> findings, long events, long errors, long warnings, long infos,
                             boolean finished) {
    public VerifySnapshot {
        findings = List.copyOf(findings);
    }
}
