package wstool.core.packet;

/** Names of the TCP header's flag bits (RFC 9293 §3.1, ECE/CWR RFC 3168). */
public final class TcpFlags {
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    private TcpFlags() {}

    /** "SYN,ACK" for 0x12; null for -1 (no TCP header); "" for 0. */
    public static String names(int flags) {
        if (flags < 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 8; bit++) {
            if ((flags & 1 << bit) == 0) continue;
            if (sb.length() > 0) sb.append(',');
            sb.append(NAMES[bit]);
        }
        return sb.toString();
    }
}
