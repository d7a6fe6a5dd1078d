package wstool.linux.trace;

import java.net.InetAddress;
import java.util.Arrays;
import wstool.core.model.Endpoint;
import wstool.core.net.Addresses;

/** Decodes struct sockaddr_in / sockaddr_in6 bytes (family in host order, little-endian here; port big-endian). */
final class Sockaddr {
    public static final int AF_INET = 2, AF_INET6 = 10;

    private Sockaddr() {}

    /** The family field, -1 when there are fewer than 2 bytes. */
    public static int family(byte[] b) {
        return b == null || b.length < 2 ? -1 : (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    /** The address and port, or null for other families or too few bytes. IPv4-mapped IPv6 becomes IPv4. */
    public static Endpoint endpoint(byte[] b) {
        int fam = family(b);
        if (fam == AF_INET && b.length >= 8) {
            return Endpoint.of(Addresses.fromBytes(Arrays.copyOfRange(b, 4, 8)), port(b));
        }
        if (fam == AF_INET6 && b.length >= 24) {
            InetAddress a = Addresses.unmapped(Addresses.fromBytes(Arrays.copyOfRange(b, 8, 24)));
            return Endpoint.of(a, port(b));
        }
        return null;
    }

    private static int port(byte[] b) { return (b[2] & 0xff) << 8 | (b[3] & 0xff); }
}
