package wstool.tui;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the findings panel shows, as plain data: the CLI adapts the socket verifier's snapshot into this, so the view
 * does not depend on the verifier module (and the renderer tests need no verifier).
 *
 * @param items the findings so far, in any order (the panel groups them by process, then code)
 * @param finished whether the trace has ended: then leaks and hung calls are in, the list is final
 */
public record FindingsView(List<Item> items, boolean finished) {
    public FindingsView {
        items = List.copyOf(items);
    }

    public enum Severity {
        ERROR, WARNING, INFO;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * One finding.
     *
     * @param pid the process, negative when the events could not be attributed
     * @param process the process image (full path), may be null
     * @param code stable check code, "WS001"
     * @param name the check's name, "LEAKED_SOCKET"
     * @param socket the socket as people read it (id, protocol, addresses), empty when not about one socket
     * @param count how many times it happened
     * @param last when it last happened, null if unknown
     * @param message one line: what happened and the likely cause
     */
    public record Item(long pid, String process, String code, String name, Severity severity, String socket,
                       long count, Instant last, String message) {
        public Item {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(severity, "severity");
            name = name == null ? "" : name;
            socket = socket == null ? "" : socket;
            message = message == null ? "" : message;
        }
    }

    public long count(Severity s) { return items.stream().filter(i -> i.severity() == s).count(); }

    /** "4 errors, 1 warning, 2 info" or "no findings". */
    public String summary() {
        if (items.isEmpty()) return "no findings";
        long e = count(Severity.ERROR), w = count(Severity.WARNING), i = count(Severity.INFO);
        return e + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning, " : " warnings, ") + i + " info";
    }
}
