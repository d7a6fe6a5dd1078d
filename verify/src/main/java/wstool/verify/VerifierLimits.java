package wstool.verify;

import java.time.Duration;

/**
 * Bounds that keep the verifier's memory constant on endless live traces; what falls out is counted and reported.
 *
 * @param maxProcesses processes tracked at once (least recently active forgotten first)
 * @param maxOpenSocketsPerProcess open sockets tracked per process
 * @param maxClosedSocketsPerProcess closed sockets remembered per process to catch use after close
 * @param maxPendingCallsPerSocket started, not yet completed calls remembered per socket
 * @param maxFindingsPerCheck findings kept per process and check (further ones are counted as suppressed)
 * @param hungAfter a call pending at least this long when the trace ends is a hung call
 */
public record VerifierLimits(int maxProcesses, int maxOpenSocketsPerProcess, int maxClosedSocketsPerProcess,
                             int maxPendingCallsPerSocket, int maxFindingsPerCheck, Duration hungAfter) {
    public static final VerifierLimits DEFAULT = new VerifierLimits(4096, 4096, 1024, 64, 100, Duration.ofSeconds(1));

    public VerifierLimits {
        if (maxProcesses < 1 || maxOpenSocketsPerProcess < 1 || maxClosedSocketsPerProcess < 1
                || maxPendingCallsPerSocket < 1 || maxFindingsPerCheck < 1) {
            throw new IllegalArgumentException("verifier limits must be positive");
        }
        java.util.Objects.requireNonNull(hungAfter, "hungAfter");
    }
}
