package wstool.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One defect (or notable fact) the verifier found.
 *
 * @param pid the process, -1 when the events could not be attributed
 * @param endpointId the socket (AFD endpoint address or Linux fd), -1 when the finding is not about one socket
 * @param endpoint the socket as people read it: id, protocol and addresses; empty when not about one socket
 * @param message one line: what happened and its likely cause
 * @param evidence the events that prove it, oldest first (a few, not all)
 * @param count how many times it happened (events, calls or sockets, as the message says)
 * @param details further facts, ordered (creation time, family, bytes moved, status, ...)
 */
public record Finding(Check check, Severity severity, long pid, String process, long endpointId, String endpoint,
                      String message, List<Evidence> evidence, long count, Instant first, Instant last,
                      Map<String, String> details) {
    public Finding {
        java.util.Objects.requireNonNull(check, "check");
        java.util.Objects.requireNonNull(severity, "severity");
        evidence = List.copyOf(evidence);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        endpoint = endpoint == null ? "" : endpoint;
    }

    public String code() { return check.code(); }
}
