package wstool.linux.nflog;

import java.net.InetAddress;
import java.util.Arrays;
import wstool.core.net.Addresses;
import wstool.core.net.IpProtocols;

/**
 * What the IPv4/IPv6 and TCP/UDP/ICMP headers of a logged packet say. Firewalls log malformed and truncated packets
 * too, so decoding never throws: whatever is readable is filled in and {@code problem} says what was not.
 *
 * @param ipVersion 4, 6 or -1 when the payload is not IP
 * @param protocol IANA protocol (for IPv6 the one after extension headers), -1 unknown
 * @param srcPort source port (TCP/UDP/SCTP), -1 unknown
 * @param length IP total length as the header states, -1 unknown
 * @param tcpFlags "SYN,ACK"-style names, "" for non-TCP
 * @param icmpType ICMP/ICMPv6 type, -1 otherwise
 * @param fragment true for a non-first IPv4/IPv6 fragment (no transport header)
 * @param problem null when the headers decoded completely
 */
record PacketHeaders(int ipVersion, int protocol, InetAddress src, InetAddress dst, int srcPort, int dstPort,
                            int length, int ttl, String tcpFlags, int icmpType, int icmpCode, boolean fragment,
                            String problem) {
    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    private static final int MAX_IPV6_EXTENSIONS = 8;

    public static PacketHeaders decode(byte[] p) {
        if (p.length < 1) return notIp("no payload copied");
        int version = (p[0] & 0xff) >>> 4;
        if (version == 4) return ipv4(p);
        if (version == 6) return ipv6(p);
        return notIp("IP version " + version);
    }

    private static PacketHeaders notIp(String why) {
        return new PacketHeaders(-1, -1, null, null, -1, -1, -1, -1, "", -1, -1, false, why);
    }

    private static PacketHeaders ipv4(byte[] p) {
        if (p.length < 20) {
            return new PacketHeaders(4, -1, null, null, -1, -1, -1, -1, "", -1, -1, false,
                    "IPv4 header truncated to " + p.length + " bytes");
        }
        int ihl = (p[0] & 0x0f) * 4;
        int total = u16(p, 2);
        int fragOffset = u16(p, 6) & 0x1fff;
        int ttl = p[8] & 0xff;
        int proto = p[9] & 0xff;
        InetAddress src = Addresses.fromBytes(Arrays.copyOfRange(p, 12, 16));
        InetAddress dst = Addresses.fromBytes(Arrays.copyOfRange(p, 16, 20));
        if (ihl < 20) {
            return new PacketHeaders(4, proto, src, dst, -1, -1, total, ttl, "", -1, -1, false,
                    "IPv4 header length " + ihl + " below 20");
        }
        return transport(4, proto, src, dst, total, ttl, fragOffset != 0, p, ihl);
    }

    private static PacketHeaders ipv6(byte[] p) {
        if (p.length < 40) {
            return new PacketHeaders(6, -1, null, null, -1, -1, -1, -1, "", -1, -1, false,
                    "IPv6 header truncated to " + p.length + " bytes");
        }
        int total = u16(p, 4) + 40;
        int next = p[6] & 0xff;
        int hopLimit = p[7] & 0xff;
        InetAddress src = Addresses.fromBytes(Arrays.copyOfRange(p, 8, 24));
        InetAddress dst = Addresses.fromBytes(Arrays.copyOfRange(p, 24, 40));
        int off = 40;
        boolean laterFragment = false;
        for (int i = 0; i < MAX_IPV6_EXTENSIONS && isIpv6Extension(next); i++) {
            if (p.length < off + 8) {
                return new PacketHeaders(6, -1, src, dst, -1, -1, total, hopLimit, "", -1, -1, false,
                        "IPv6 extension header " + next + " truncated");
            }
            int hdr = next;
            next = p[off] & 0xff;
            if (hdr == 44) { // fragment header: fixed 8 bytes
                laterFragment = (u16(p, off + 2) & 0xfff8) != 0;
                off += 8;
            } else if (hdr == 51) { // AH: length in 4-byte units minus 2
                off += ((p[off + 1] & 0xff) + 2) * 4;
            } else {
                off += ((p[off + 1] & 0xff) + 1) * 8;
            }
        }
        if (isIpv6Extension(next)) {
            return new PacketHeaders(6, -1, src, dst, -1, -1, total, hopLimit, "", -1, -1, false,
                    "more than " + MAX_IPV6_EXTENSIONS + " IPv6 extension headers");
        }
        return transport(6, next, src, dst, total, hopLimit, laterFragment, p, off);
    }

    private static boolean isIpv6Extension(int h) { return h == 0 || h == 43 || h == 44 || h == 60 || h == 51; }

    private static PacketHeaders transport(int v, int proto, InetAddress src, InetAddress dst, int total, int ttl,
                                           boolean laterFragment, byte[] p, int off) {
        if (laterFragment) return new PacketHeaders(v, proto, src, dst, -1, -1, total, ttl, "", -1, -1, true, null);
        int left = p.length - off;
        switch (proto) {
            case IpProtocols.TCP:
                if (left < 14) return truncated(v, proto, src, dst, total, ttl, "TCP", left);
                return new PacketHeaders(v, proto, src, dst, u16(p, off), u16(p, off + 2), total, ttl,
                        tcpFlags(p[off + 13] & 0xff), -1, -1, false, null);
            case IpProtocols.UDP:
            case IpProtocols.SCTP:
            case 136: // UDP-Lite
                if (left < 4) return truncated(v, proto, src, dst, total, ttl, IpProtocols.name(proto), left);
                return new PacketHeaders(v, proto, src, dst, u16(p, off), u16(p, off + 2), total, ttl, "", -1, -1,
                        false, null);
            case IpProtocols.ICMP:
            case IpProtocols.ICMPV6:
                if (left < 2) return truncated(v, proto, src, dst, total, ttl, IpProtocols.name(proto), left);
                return new PacketHeaders(v, proto, src, dst, -1, -1, total, ttl, "", p[off] & 0xff, p[off + 1] & 0xff,
                        false, null);
            default:
                return new PacketHeaders(v, proto, src, dst, -1, -1, total, ttl, "", -1, -1, false, null);
        }
    }

    private static PacketHeaders truncated(int v, int proto, InetAddress src, InetAddress dst, int total, int ttl,
                                           String what, int left) {
        return new PacketHeaders(v, proto, src, dst, -1, -1, total, ttl, "", -1, -1, false,
                what + " header truncated to " + Math.max(0, left) + " bytes");
    }

    static String tcpFlags(int bits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                if (sb.length() > 0) sb.append(',');
                sb.append(TCP_FLAG_NAMES[i]);
            }
        }
        return sb.toString();
    }

    private static int u16(byte[] p, int off) { return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff); }
}
