package wstool.correlate;

import java.util.Locale;

/** How a flow ended, as far as its events tell; the later, more specific finding wins by {@link #rank}. */
public enum Outcome {
    /** A connect was seen starting but neither its completion nor any data. */
    ATTEMPTED(0),
    ESTABLISHED(1),
    /** An error not one of the named ones (the status name is in the flow). */
    FAILED(2),
    TIMED_OUT(3),
    RESET(4),
    REFUSED(5),
    /** A firewall verdict dropped it (the filter is in the flow). */
    BLOCKED(6);

    private final int rank;

    Outcome(int rank) { this.rank = rank; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    Outcome max(Outcome other) { return other == null || rank >= other.rank ? this : other; }

    /**
     * The outcome a failed socket call's status name stands for (errno names and NTSTATUS names both), or null for
     * a status that is not an end (a non-blocking connect's EINPROGRESS, STATUS_PENDING, would-block).
     */
    static Outcome ofStatus(String statusName) {
        if (statusName == null) return FAILED;
        String s = statusName.toUpperCase(Locale.ROOT);
        if (s.contains("INPROGRESS") || s.contains("PENDING") || s.contains("WOULDBLOCK") || s.contains("WOULD_BLOCK")
                || s.equals("EAGAIN") || s.contains("ALREADY")) return null;
        if (s.contains("REFUSED")) return REFUSED;
        if (s.contains("RESET") || s.contains("ABORTED")) return RESET;
        if (s.contains("TIMEDOUT") || s.contains("TIMED_OUT") || s.contains("TIMEOUT")) return TIMED_OUT;
        return FAILED;
    }
}
