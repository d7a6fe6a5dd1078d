package wstool.verify;

import java.time.Instant;

/** One event that proves a finding: when it happened and what it was ("SEND START", "CLOSE COMPLETE"). */
public record Evidence(Instant timestamp, String event) {
    public Evidence {
        java.util.Objects.requireNonNull(timestamp, "timestamp");
        java.util.Objects.requireNonNull(event, "event");
    }
}
