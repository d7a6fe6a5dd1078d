package wstool.core.model;

/** Traffic direction as seen from the local host. */
public enum Direction {
    IN, OUT, UNKNOWN;

    /** Parses IN/OUT (any case, also "inbound"/"outbound"); anything else is UNKNOWN. */
    public static Direction parse(String s) {
        if (s == null) return UNKNOWN;
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("in") || v.equals("inbound")) return IN;
        if (v.equals("out") || v.equals("outbound")) return OUT;
        return UNKNOWN;
    }
}
