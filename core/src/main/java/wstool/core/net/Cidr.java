package wstool.core.net;

import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 network prefix such as 10.0.0.0/8 or 2001:db8::/32; a bare address is a full-length prefix. */
public record Cidr(byte[] network, int prefixLength) {
    public Cidr {
        int max = network.length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max);
        }
        network = mask(network.clone(), prefixLength);
    }

    /** Parses "a.b.c.d/n", "x::y/n" or a bare address; throws IllegalArgumentException naming the bad text. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        InetAddress a = Addresses.parse(slash < 0 ? t : t.substring(0, slash));
        byte[] b = a.getAddress();
        int len = b.length * 8;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
        }
        return new Cidr(b, len);
    }

    public boolean isIpv6() { return network.length == 16; }

    public boolean contains(InetAddress address) {
        if (address == null) return false;
        byte[] b = Addresses.unmapped(address).getAddress();
        if (b.length != network.length) return false;
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) if (b[i] != network[i]) return false;
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int m = (0xff << (8 - rest)) & 0xff;
        return (b[full] & m) == (network[full] & 0xff);
    }

    private static byte[] mask(byte[] b, int len) {
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, len - i * 8));
            b[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(network) + prefixLength; }

    @Override
    public String toString() { return Addresses.text(Addresses.fromBytes(network)) + "/" + prefixLength; }
}
