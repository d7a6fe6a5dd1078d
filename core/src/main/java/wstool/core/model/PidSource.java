package wstool.core.model;

/** Where an event's pid came from when it was not the source's own report ({@link Correlation#pidSource()}). */
public enum PidSource {
    /** Matched to the socket event of the same connection closest in time (a firewall verdict has no pid). */
    CORRELATED;

    /** The lower-case name the exports write. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static PidSource parse(String s) {
        for (PidSource p : values()) if (p.label().equals(s) || p.name().equals(s)) return p;
        throw new IllegalArgumentException("unknown pid_source '" + s + "'");
    }
}
