package wstool.etw.decode;

import wstool.core.model.Endpoint;
import wstool.core.net.Addresses;

import java.util.Arrays;

/** Windows SOCKADDR_IN / SOCKADDR_IN6 as AFD logs them (family little-endian, port in network byte order). */
final class SockAddr {
    public static final int AF_INET = 2, AF_INET6 = 23;

    private SockAddr() {}

    /** The address and port, or {@link Endpoint#NONE} for other families or a blob too short. */
    public static Endpoint decode(byte[] d, int off, int len) {
        if (len < 2) return Endpoint.NONE;
        int family = Bytes.u16(d, off);
        if (family == AF_INET && len >= 8) {
            return Endpoint.of(Addresses.fromBytes(Arrays.copyOfRange(d, off + 4, off + 8)), Bytes.be16(d, off + 2));
        }
        if (family == AF_INET6 && len >= 24) {
            return Endpoint.of(Addresses.fromBytes(Arrays.copyOfRange(d, off + 8, off + 24)), Bytes.be16(d, off + 2));
        }
        return Endpoint.NONE;
    }

    /** Family of a SOCKADDR blob, -1 when too short. */
    public static int family(byte[] d, int off, int len) {
        return len < 2 ? -1 : Bytes.u16(d, off);
    }
}
