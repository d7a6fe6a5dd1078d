package wstool.core.packet;

import java.net.InetAddress;

/**
 * What {@link PacketParser} read from one captured frame, as far as the bytes went.
 *
 * @param etherType the EtherType after any VLAN tags (0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP), -1 for raw IP / unknown
 * @param vlan the outermost 802.1Q VLAN id, -1 when untagged
 * @param ipVersion 4 or 6, -1 when no IP header was read
 * @param protocol the transport protocol after IPv6 extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6), -1 unknown
 * @param srcPort / dstPort TCP/UDP ports, -1 when not read
 * @param tcpFlags the TCP flags byte (FIN 0x01 … CWR 0x80), -1 when not TCP or truncated before it
 * @param icmpType / icmpCode ICMP or ICMPv6 type and code, -1 when not read
 * @param ipTotalLength the IP datagram length its header states (IPv4 total length, IPv6 40 + payload length), -1
 * @param truncated the capture ended before a header it announced was complete (decoded as far as it went)
 * @param malformed why a header is not what it should be (a length below the minimum, an unknown version), or null
 */
public record ParsedPacket(LinkType linkType, int etherType, int vlan, int ipVersion, InetAddress src, InetAddress dst,
                           int protocol, int srcPort, int dstPort, int tcpFlags, int icmpType, int icmpCode,
                           int ipTotalLength, boolean truncated, String malformed) {

    /** Whether the frame carried an IP header with both addresses. */
    public boolean hasIp() { return src != null && dst != null; }

    /** The TCP flags as tcpdump writes them ("SYN,ACK"), or null when there are none. */
    public String tcpFlagNames() { return TcpFlags.names(tcpFlags); }
}
