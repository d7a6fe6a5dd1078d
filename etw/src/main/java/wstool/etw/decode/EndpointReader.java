package wstool.etw.decode;

import wstool.core.model.Endpoint;
import wstool.core.net.Addresses;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Address and port fields as the network providers log them; one per decoder (not thread-safe). */
final class EndpointReader {
    /** IPv4 addresses seen recently: traces repeat few addresses, and InetAddress creation dominates otherwise. */
    private final Map<Integer, InetAddress> ipv4Cache = new HashMap<>();

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
            else if (len == 16) a = Addresses.fromBytes(Arrays.copyOfRange(f.data(), o, o + len));
        }
        int p = f.has(port) && f.length(port) == 2 ? Bytes.be16(f.data(), f.offset(port)) : -1;
        return Endpoint.of(a, p);
    }

    private InetAddress ipv4(byte[] d, int o) {
        int key = (d[o] & 0xFF) << 24 | (d[o + 1] & 0xFF) << 16 | (d[o + 2] & 0xFF) << 8 | (d[o + 3] & 0xFF);
        InetAddress a = ipv4Cache.get(key);
        if (a == null) {
            if (ipv4Cache.size() >= 4096) ipv4Cache.clear();
            a = Addresses.fromBytes(Arrays.copyOfRange(d, o, o + 4));
            ipv4Cache.put(key, a);
        }
        return a;
    }
}
