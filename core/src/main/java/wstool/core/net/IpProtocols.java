package wstool.core.net;

import java.util.Locale;

/** IANA protocol numbers and their names, for the protocols network events carry. */
public final class IpProtocols {
    public static final int ICMP = 1, IGMP = 2, TCP = 6, UDP = 17, GRE = 47, ESP = 50, AH = 51, ICMPV6 = 58, SCTP = 132;

    private IpProtocols() {}

    /** "TCP", "UDP", ... or the number as text; "" for unknown (-1). */
    public static String name(int protocol) {
        return switch (protocol) {
            case -1 -> "";
            case ICMP -> "ICMP";
            case IGMP -> "IGMP";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case GRE -> "GRE";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            case SCTP -> "SCTP";
            default -> Integer.toString(protocol);
        };
    }

    /** Parses a name ("tcp", "ICMPv6") or a number; throws IllegalArgumentException naming the bad value. */
    public static int parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "icmp": return ICMP;
            case "igmp": return IGMP;
            case "tcp": return TCP;
            case "udp": return UDP;
            case "gre": return GRE;
            case "esp": return ESP;
            case "ah": return AH;
            case "icmpv6": case "ipv6-icmp": return ICMPV6;
            case "sctp": return SCTP;
            default:
                try {
                    int n = Integer.parseInt(t);
                    if (n >= 0 && n <= 255) return n;
                } catch (NumberFormatException ignored) {
                    // fall through to the error below
                }
                throw new IllegalArgumentException("unknown IP protocol '" + text + "' (use tcp, udp, icmp, icmpv6 or 0-255)");
        }
    }
}
