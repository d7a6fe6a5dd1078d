package wstool.core.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PacketParserTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The first frame of demikernel_PktMon.etl (an ICMP echo request 10.9.1.14 -> 10.9.1.22), read by hand. */
    static final byte[] ICMP_FRAME = HEX.parseHex("0022487bb380948ed3c5f74808004500"
            + "0054bf964000400164dd0a09010e0a0901160800e1eb001200019b5f6766000000004d68070000000000"
            + "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637");

    @Test
    void ethernetIpv4Icmp() {
        ParsedPacket p = PacketParser.parse(LinkType.ETHERNET, ICMP_FRAME, 0, ICMP_FRAME.length);
        assertEquals(0x0800, p.etherType());
        assertEquals(4, p.ipVersion());
        assertEquals("10.9.1.14", p.src().getHostAddress());
        assertEquals("10.9.1.22", p.dst().getHostAddress());
        assertEquals(1, p.protocol());
        assertEquals(8, p.icmpType());
        assertEquals(0, p.icmpCode());
        assertEquals(84, p.ipTotalLength());
        assertFalse(p.truncated());
        assertNull(p.malformed());
    }

    @Test
    void vlanTaggedUdp() {
        byte[] f = HEX.parseHex("ffffffffffff020000000001" + "8100" + "0064" + "0800"
                + "45000020000000004011" + "0000" + "c0a80001" + "c0a800ff" + "d6d10035000c0000" + "abcd");
        ParsedPacket p = PacketParser.parse(LinkType.ETHERNET, f, 0, f.length);
        assertEquals(100, p.vlan());
        assertEquals(17, p.protocol());
        assertEquals(0xd6d1, p.srcPort());
        assertEquals(53, p.dstPort());
        assertEquals("192.168.0.255", p.dst().getHostAddress());
    }

    @Test
    void rawIpv6WithHopByHopAndFragmentHeadersToTcp() {
        String src = "20010db8000000000000000000000001", dst = "20010db8000000000000000000000002";
        byte[] f = HEX.parseHex("60000000" + "0030" + "00" + "40" + src + dst
                + "2c00000000000000"            // hop-by-hop, next = fragment (44), 8 bytes
                + "0600000100000001"            // fragment, next = TCP, offset 0, M flag
                + "c35001bb0000000100000000" + "5012" + "ffff00000000");
        ParsedPacket p = PacketParser.parse(LinkType.RAW_IP, f, 0, f.length);
        assertEquals(6, p.ipVersion());
        assertEquals(6, p.protocol());
        assertEquals(50000, p.srcPort());
        assertEquals(443, p.dstPort());
        assertEquals(0x12, p.tcpFlags());
        assertEquals("SYN,ACK", p.tcpFlagNames());
        assertEquals(88, p.ipTotalLength());
        assertFalse(p.truncated());
    }

    @Test
    void truncatedFrameKeepsWhatItRead() {
        // cut inside the ICMP header: addresses and protocol are read, type is not
        ParsedPacket p = PacketParser.parse(LinkType.ETHERNET, ICMP_FRAME, 0, 14 + 20 + 1);
        assertTrue(p.truncated());
        assertEquals("10.9.1.22", p.dst().getHostAddress());
        assertEquals(1, p.protocol());
        assertEquals(-1, p.icmpType());
        ParsedPacket eth = PacketParser.parse(LinkType.ETHERNET, ICMP_FRAME, 0, 13);
        assertTrue(eth.truncated());
        assertEquals(-1, eth.etherType());
    }

    @Test
    void malformedHeadersAreNamed() {
        byte[] badIhl = ICMP_FRAME.clone();
        badIhl[14] = 0x41; // IHL 4 bytes
        assertEquals("IPv4 header length 4", PacketParser.parse(LinkType.ETHERNET, badIhl, 0, badIhl.length).malformed());
        byte[] v7 = {0x70, 0, 0, 0};
        assertEquals("IP version 7", PacketParser.parse(LinkType.RAW_IP, v7, 0, 4).malformed());
        assertNotNull(PacketParser.parse(LinkType.RAW_IP, v7, 2, 9).malformed()); // bounds past the array
    }

    /** Random and cut-short bytes never make an exception escape, and every prefix of a good frame parses. */
    @Test
    void fuzzRandomAndTruncated() {
        Random r = new Random(15);
        int malformedOrTruncated = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(120)];
            r.nextBytes(b);
            if (b.length > 14 && r.nextBoolean()) { b[12] = 0x08; b[13] = 0; b[14] = (byte) (0x40 | b[14] & 0x0F); }
            if (b.length > 0 && r.nextInt(4) == 0) b[0] = (byte) (0x60 | b[0] & 0x0F);
            LinkType t = r.nextBoolean() ? LinkType.ETHERNET : LinkType.RAW_IP;
            ParsedPacket p = assertDoesNotThrow(() -> PacketParser.parse(t, b, 0, b.length));
            if (p.truncated() || p.malformed() != null) malformedOrTruncated++;
            assertFalse(p.malformed() != null && p.malformed().startsWith("parser error"), p.malformed());
        }
        assertTrue(malformedOrTruncated > 10_000, "the fuzz reached the error paths: " + malformedOrTruncated);
        for (int n = 0; n < ICMP_FRAME.length; n++) {
            ParsedPacket p = PacketParser.parse(LinkType.ETHERNET, ICMP_FRAME, 0, n);
            assertNull(p.malformed());
            assertEquals(n < 14 + 24, p.truncated(), "prefix " + n);
        }
    }
}
