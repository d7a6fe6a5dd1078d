package wstool.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Address helpers that never touch DNS. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private Addresses() {}

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (optionally in brackets). Never resolves names.
     *
     * @throws IllegalArgumentException naming the text when it is not an address literal
     */
    public static InetAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (IPV4.matcher(t).matches()) {
            String[] parts = t.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) throw new IllegalArgumentException("not an IP address: '" + text + "'");
                b[i] = (byte) v;
            }
            return fromBytes(b);
        }
        if (IPV6.matcher(t).matches()) {
            try {
                return InetAddress.getByName(t); // a literal with ':' is parsed, never looked up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'");
            }
        }
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }

    /**
     * The text form of an address for every output: dotted quad for IPv4, RFC 5952 for IPv6 (lower-case hex, no
     * leading zeros, the longest run of two or more zero groups as "::", the first of equal runs), so that
     * {@code fe80::1} is written the way people grep for it. {@link InetAddress#getHostAddress()} writes
     * {@code fe80:0:0:0:0:0:0:1}. A scope (zone) id is kept after '%'. Empty for null.
     */
    public static String text(InetAddress a) {
        if (a == null) return "";
        if (!(a instanceof Inet6Address v6)) return a.getHostAddress();
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 1; // a single zero group is never shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        String scope = v6.getScopedInterface() != null ? v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        return scope == null ? sb.toString() : sb + "%" + scope;
    }

    /** Whether {@link #parse} would accept the text. */
    public static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An address from 4 or 16 bytes in network order. */
    public static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes, not " + bytes.length);
        }
    }

    /** An IPv4 address from its 32-bit value (most significant byte first, as a.b.c.d). */
    public static Inet4Address ipv4(int value) {
        return (Inet4Address) fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** The 4 bytes of an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as IPv4, otherwise the address itself. */
    public static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            for (int i = 0; i < 10; i++) if (b[i] != 0) return a;
            if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return fromBytes(new byte[] {b[12], b[13], b[14], b[15]});
            }
        }
        return a;
    }
}
