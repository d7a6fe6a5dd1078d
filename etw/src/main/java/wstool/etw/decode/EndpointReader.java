package wstool.etw.decode;

import wstool.core.model.Endpoint;
import wstool.core.net.Addresses;

import java.net.InetAddress;
import java.util.Arrays;

/** Address and port fields as the network providers log them; one per decoder (not thread-safe). */
final class EndpointReader {
    /**
     * IPv4 addresses seen recently, direct-mapped by their value (a newer address replaces an older one): traces
     * repeat few addresses, and InetAddress creation dominates otherwise.
     */
    private final int[] ipv4Keys = new int[1 << IPV4_BITS];
    private final InetAddress[] ipv4Values = new InetAddress[1 << IPV4_BITS];
    private static final int IPV4_BITS = 12;
    /** IPv6 addresses seen recently, direct-mapped by their bytes (a newer address replaces an older one). */
    private final byte[][] ipv6Keys = new byte[1 << IPV6_BITS][];
    private final InetAddress[] ipv6Values = new InetAddress[1 << IPV6_BITS];
    private static final int IPV6_BITS = 10;
    /** The last endpoint per slot: a connection's events repeat both endpoints, each made once instead of per event. */
    private final Endpoint[] endpoints = new Endpoint[1 << ENDPOINT_BITS];
    private static final int ENDPOINT_BITS = 10;

    /**
     * An address field (UInt32 in network order or a 4/16-byte Binary) and a network-order UInt16 port; an absent
     * or odd-sized field gives no address / port -1.
     */
    Endpoint endpoint(DecodedFields f, Field address, Field port) {
        InetAddress a = null;
        if (f.has(address)) {
            int len = f.length(address);
            int o = f.offset(address);
            if (len == 4) a = ipv4(f.data(), o);
            else if (len == 16) a = ipv6(f.data(), o);
        }
        int p = f.has(port) && f.length(port) == 2 ? Bytes.be16(f.data(), f.offset(port)) : -1;
        if (a == null) return Endpoint.of(null, p);
        int slot = ((System.identityHashCode(a) * 31 + p) * 0x9E3779B9) >>> (32 - ENDPOINT_BITS);
        Endpoint e = endpoints[slot];
        if (e == null || e.address() != a || e.port() != p) endpoints[slot] = e = Endpoint.of(a, p);
        return e;
    }

    private InetAddress ipv6(byte[] d, int o) {
        int h = 1;
        for (int i = o; i < o + 16; i++) h = 31 * h + d[i];
        int slot = (h * 0x9E3779B9) >>> (32 - IPV6_BITS);
        byte[] key = ipv6Keys[slot];
        if (key != null && Arrays.equals(key, 0, 16, d, o, o + 16)) return ipv6Values[slot];
        key = Arrays.copyOfRange(d, o, o + 16);
        InetAddress a = Addresses.fromBytes(key.clone()); // the key stays this cache's own
        ipv6Keys[slot] = key;
        ipv6Values[slot] = a;
        return a;
    }

    private InetAddress ipv4(byte[] d, int o) {
        int key = (d[o] & 0xFF) << 24 | (d[o + 1] & 0xFF) << 16 | (d[o + 2] & 0xFF) << 8 | (d[o + 3] & 0xFF);
        int slot = (key * 0x9E3779B9) >>> (32 - IPV4_BITS);
        InetAddress a = ipv4Values[slot];
        if (a != null && ipv4Keys[slot] == key) return a;
        a = Addresses.fromBytes(Arrays.copyOfRange(d, o, o + 4));
        ipv4Keys[slot] = key;
        ipv4Values[slot] = a;
        return a;
    }
}
