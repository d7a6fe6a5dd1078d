package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import wstool.core.net.Addresses;

class PacketHeadersTest {
    @Test
    void ipv4Tcp() {
        PacketHeaders h = PacketHeaders.decode(NflogMessageBuilder.ipv4(6, "10.213.1.2", "10.213.1.1",
                NflogMessageBuilder.tcp(40000, 22, 0x12)));
        assertEquals(4, h.ipVersion());
        assertEquals(6, h.protocol());
        assertEquals(Addresses.parse("10.213.1.2"), h.src());
        assertEquals(Addresses.parse("10.213.1.1"), h.dst());
        assertEquals(40000, h.srcPort());
        assertEquals(22, h.dstPort());
        assertEquals(40, h.length());
        assertEquals(64, h.ttl());
        assertEquals("SYN,ACK", h.tcpFlags());
        assertNull(h.problem());
    }

    @Test
    void ipv4UdpAndIcmp() {
        PacketHeaders u = PacketHeaders.decode(NflogMessageBuilder.ipv4(17, "198.18.0.1", "198.18.0.2",
                NflogMessageBuilder.udp(5353, 53, 10)));
        assertEquals(17, u.protocol());
        assertEquals(5353, u.srcPort());
        assertEquals(53, u.dstPort());
        PacketHeaders i = PacketHeaders.decode(NflogMessageBuilder.ipv4(1, "198.18.0.1", "198.18.0.2",
                NflogMessageBuilder.icmp(8, 0)));
        assertEquals(1, i.protocol());
        assertEquals(8, i.icmpType());
        assertEquals(0, i.icmpCode());
        assertEquals(-1, i.srcPort());
    }

    @Test
    void ipv6TcpBehindHopByHopAndFragmentHeaders() {
        byte[] hop = {44, 0, 1, 4, 0, 0, 0, 0}; // next = fragment, len 0 (8 bytes), PadN
        byte[] frag = {6, 0, 0, 1, 0, 0, 0, 9}; // next = TCP, offset 0, more fragments
        byte[] tcp = NflogMessageBuilder.tcp(443, 50000, 0x10);
        PacketHeaders h = PacketHeaders.decode(NflogMessageBuilder.ipv6(0, "2001:db8::1", "fd00::2",
                NflogMessageBuilder.concat(hop, frag, tcp)));
        assertEquals(6, h.ipVersion());
        assertEquals(6, h.protocol());
        assertEquals(Addresses.parse("2001:db8::1"), h.src());
        assertEquals(443, h.srcPort());
        assertEquals(50000, h.dstPort());
        assertEquals("ACK", h.tcpFlags());
        assertEquals(57, h.ttl());
        assertFalse(h.fragment());
    }

    @Test
    void laterFragmentsHaveNoPorts() {
        byte[] p = NflogMessageBuilder.ipv4(17, "10.0.0.1", "10.0.0.2", NflogMessageBuilder.udp(1, 2, 0));
        ByteBuffer.wrap(p).putShort(6, (short) 0x0010); // fragment offset 16*8
        PacketHeaders h = PacketHeaders.decode(p);
        assertTrue(h.fragment());
        assertEquals(-1, h.srcPort());
        assertEquals(17, h.protocol());
    }

    @Test
    void truncatedCopyKeepsWhatIsReadable() {
        byte[] full = NflogMessageBuilder.ipv4(6, "10.0.0.1", "10.0.0.2", NflogMessageBuilder.tcp(1, 2, 2));
        PacketHeaders h = PacketHeaders.decode(Arrays.copyOf(full, 24));
        assertEquals(Addresses.parse("10.0.0.1"), h.src());
        assertEquals(-1, h.dstPort());
        assertNotNull(h.problem());
        assertTrue(h.problem().contains("TCP header truncated to 4 bytes"), h.problem());
        assertEquals("IPv4 header truncated to 10 bytes", PacketHeaders.decode(Arrays.copyOf(full, 10)).problem());
        assertEquals("IP version 0", PacketHeaders.decode(new byte[] {0}).problem());
    }
}
