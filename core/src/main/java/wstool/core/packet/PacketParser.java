package wstool.core.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Reads the headers of a captured frame: Ethernet II (with 802.1Q / 802.1ad tags) or raw IP → IPv4 / IPv6 (hop-by-hop,
 * routing, fragment, destination-options and AH extension headers) → TCP / UDP / ICMP / ICMPv6. Never throws on
 * the bytes: a frame cut short decodes as far as it goes ({@link ParsedPacket#truncated()}), a header that is wrong
 * says why ({@link ParsedPacket#malformed()}). Stateless and thread-safe.
 */
public final class PacketParser {
    private static final int ETH_IPV4 = 0x0800, ETH_IPV6 = 0x86DD, ETH_VLAN = 0x8100, ETH_QINQ = 0x88A8;

    private PacketParser() {}

    /** Parses {@code length} bytes of {@code data} from {@code offset} as a frame of {@code link}. */
    public static ParsedPacket parse(LinkType link, byte[] data, int offset, int length) {
        Cursor c = new Cursor(link);
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            c.malformed = "bounds outside the buffer";
            return c.result();
        }
        try {
            int end = offset + length;
            switch (link) {
                case ETHERNET -> ethernet(c, data, offset, end);
                case RAW_IP -> ip(c, data, offset, end);
                default -> { }
            }
        } catch (RuntimeException | UnknownHostException e) {
            // a parser bug must not lose the packet: it stays raw, naming what happened
            c.malformed = "parser error: " + e;
        }
        return c.result();
    }

    private static void ethernet(Cursor c, byte[] d, int p, int end) throws UnknownHostException {
        if (end - p < 14) { c.truncated = true; return; }
        p += 12;
        int type = u16(d, p);
        p += 2;
        while (type == ETH_VLAN || type == ETH_QINQ) {
            if (end - p < 4) { c.truncated = true; return; }
            if (c.vlan < 0) c.vlan = u16(d, p) & 0x0FFF;
            type = u16(d, p + 2);
            p += 4;
        }
        c.etherType = type;
        if (type == ETH_IPV4 || type == ETH_IPV6) ip(c, d, p, end);
    }

    private static void ip(Cursor c, byte[] d, int p, int end) throws UnknownHostException {
        if (end - p < 1) { c.truncated = true; return; }
        int version = (d[p] & 0xFF) >>> 4;
        if (version == 4) ipv4(c, d, p, end);
        else if (version == 6) ipv6(c, d, p, end);
        else c.malformed = "IP version " + version;
    }

    private static void ipv4(Cursor c, byte[] d, int p, int end) throws UnknownHostException {
        if (end - p < 20) { c.truncated = true; return; }
        int ihl = (d[p] & 0x0F) * 4;
        if (ihl < 20) { c.malformed = "IPv4 header length " + ihl; return; }
        c.ipVersion = 4;
        c.ipTotalLength = u16(d, p + 2);
        c.protocol = d[p + 9] & 0xFF;
        c.src = InetAddress.getByAddress(Arrays.copyOfRange(d, p + 12, p + 16));
        c.dst = InetAddress.getByAddress(Arrays.copyOfRange(d, p + 16, p + 20));
        int fragmentOffset = u16(d, p + 6) & 0x1FFF;
        if (fragmentOffset != 0) return; // a later fragment: no transport header in it
        if (end - p < ihl) { c.truncated = true; return; }
        transport(c, d, p + ihl, end);
    }

    private static void ipv6(Cursor c, byte[] d, int p, int end) throws UnknownHostException {
        if (end - p < 40) { c.truncated = true; return; }
        c.ipVersion = 6;
        c.ipTotalLength = 40 + u16(d, p + 4);
        c.src = InetAddress.getByAddress(Arrays.copyOfRange(d, p + 8, p + 24));
        c.dst = InetAddress.getByAddress(Arrays.copyOfRange(d, p + 24, p + 40));
        int next = d[p + 6] & 0xFF;
        p += 40;
        // RFC 8200 §4: extension headers chain through their first byte; AH (51) counts its length in 4-byte units
        for (int hops = 0; hops < 16; hops++) {
            if (next == 0 || next == 43 || next == 60 || next == 51 || next == 44) {
                if (end - p < 8) { c.protocol = next; c.truncated = true; return; }
                int len = next == 44 ? 8 : next == 51 ? ((d[p + 1] & 0xFF) + 2) * 4 : ((d[p + 1] & 0xFF) + 1) * 8;
                if (next == 44 && (u16(d, p + 2) & 0xFFF8) != 0) { c.protocol = d[p] & 0xFF; return; } // later fragment
                next = d[p] & 0xFF;
                if (end - p < len) { c.protocol = next; c.truncated = true; return; }
                p += len;
            } else {
                c.protocol = next;
                transport(c, d, p, end);
                return;
            }
        }
        c.protocol = next;
        c.malformed = "more than 16 IPv6 extension headers";
    }

    private static void transport(Cursor c, byte[] d, int p, int end) {
        int left = end - p;
        switch (c.protocol) {
            case 6 -> {
                if (left < 4) { c.truncated = true; return; }
                c.srcPort = u16(d, p);
                c.dstPort = u16(d, p + 2);
                if (left < 14) { c.truncated = true; return; }
                c.tcpFlags = d[p + 13] & 0xFF;
                int dataOffset = ((d[p + 12] & 0xFF) >>> 4) * 4;
                if (dataOffset < 20) c.malformed = "TCP data offset " + dataOffset;
                else if (left < dataOffset) c.truncated = true;
            }
            case 17 -> {
                if (left < 4) { c.truncated = true; return; }
                c.srcPort = u16(d, p);
                c.dstPort = u16(d, p + 2);
                if (left < 8) c.truncated = true;
            }
            case 1, 58 -> {
                if (left < 2) { c.truncated = true; return; }
                c.icmpType = d[p] & 0xFF;
                c.icmpCode = d[p + 1] & 0xFF;
                if (left < 4) c.truncated = true;
            }
            default -> { }
        }
    }

    private static int u16(byte[] d, int p) { return (d[p] & 0xFF) << 8 | d[p + 1] & 0xFF; }

    private static final class Cursor {
        final LinkType link;
        int etherType = -1, vlan = -1, ipVersion = -1, protocol = -1, srcPort = -1, dstPort = -1, tcpFlags = -1;
        int icmpType = -1, icmpCode = -1, ipTotalLength = -1;
        InetAddress src, dst;
        boolean truncated;
        String malformed;

        Cursor(LinkType link) { this.link = link; }

        ParsedPacket result() {
            return new ParsedPacket(link, etherType, vlan, ipVersion, src, dst, protocol, srcPort, dstPort, tcpFlags,
                    icmpType, icmpCode, ipTotalLength, truncated, malformed);
        }
    }
}
