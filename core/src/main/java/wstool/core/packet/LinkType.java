package wstool.core.packet;

/**
 * The link layer a captured frame starts with, with its pcap/pcapng LINKTYPE number (tcpdump.org/linktypes.html):
 * what the pcapng interface description says and what {@link PacketParser} expects at offset 0.
 */
public enum LinkType {
    ETHERNET(1), RAW_IP(101), IEEE802_11(105), UNKNOWN(147); // 147 = LINKTYPE_USER0: bytes nobody can dissect

    private final int pcapLinkType;

    LinkType(int pcapLinkType) { this.pcapLinkType = pcapLinkType; }

    public int pcapLinkType() { return pcapLinkType; }
}
