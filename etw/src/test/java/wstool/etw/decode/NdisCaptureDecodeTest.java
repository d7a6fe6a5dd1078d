package wstool.etw.decode;

import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.Source;
import wstool.etw.schema.NdisCaptureSchemas;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static wstool.etw.schema.NdisCaptureSchemas.*;

/**
 * NDIS-PacketCapture payloads with known frames, laid out by the schema NdisCaptureSchemasTest checks against the
 * provider's manifests (fixtures/manifests-extra), decoded back and reassembled per the begin/end keywords.
 */
class NdisCaptureDecodeTest {
    static final HexFormat HEX = HexFormat.of();
    /** Ethernet, IPv4 10.0.0.2 -> 93.184.216.34, TCP 50000 -> 443 SYN (a 54-byte frame built by hand). */
    static final byte[] SYN = HEX.parseHex("00155d010203" + "00155d0a0b0c" + "0800"
            + "45000028" + "00014000" + "4006" + "0000" + "0a000002" + "5db8d822"
            + "c35001bb" + "00000001" + "00000000" + "5002" + "faf0" + "0000" + "0000");
    /** Raw IPv4 (a WWAN medium), UDP 10.1.1.1:53 -> 10.1.1.2:40000 with 4 bytes of data. */
    static final byte[] DNS = HEX.parseHex("4500002000000000401100000a0101010a0101020035" + "9c40000c0000" + "deadbeef");

    /**
     * A fragment event laid out by the built-in schema (NdisCaptureSchemasTest: the manifests' first four fields);
     * {@code gft} appends the two UInt64 Windows 10 18990 logs after the fragment.
     */
    static EventRecordView fragment(boolean gft, long keyword, byte[] bytes) {
        RecordBuilder b = RecordBuilder.of(NDIS_CAPTURE, FRAGMENT, 0).set("MiniportIfIndex", 7).set("LowerIfIndex", 12)
                .set("Fragment", bytes);
        byte[] p = b.pack();
        if (gft) p = Arrays.copyOf(p, p.length + 16);
        return b.view(4, p).descriptor(FRAGMENT, 0, 0, 4, 0, 0, keyword);
    }

    @Test
    void fragmentsAreReassembledPerBeginAndEnd() throws Exception {
        boolean s = true; // the newest layout (18990): the Gft fields after the fragment are skipped
        EventDecoder d = new EventDecoder();
        assertNull(d.decode(fragment(s, KW_PACKET_START | KW_SEND, Arrays.copyOfRange(SYN, 0, 20))));
        assertNull(d.decode(fragment(s, KW_SEND, Arrays.copyOfRange(SYN, 20, 40))));
        NetEvent e = d.decode(fragment(s, KW_PACKET_END | KW_SEND, Arrays.copyOfRange(SYN, 40, SYN.length)));
        PacketEvent p = assertInstanceOf(PacketEvent.class, e);
        assertArrayEquals(SYN, p.frame());
        assertEquals(Source.ETW_NDIS_CAPTURE, p.header().source());
        assertEquals(Direction.OUT, p.direction());
        assertEquals("10.0.0.2:50000", p.header().local().toString());
        assertEquals("93.184.216.34:443", p.header().remote().toString());
        assertEquals(6, p.header().ipProtocol());
        assertEquals(0x02, p.tcpFlags());
        assertEquals(54, p.length());
        assertEquals(1, p.linkType());
        assertEquals("ndis if 7/12", p.component());
        assertNull(p.header().raw().get("reassembly"));

        PacketEvent dns = (PacketEvent) d.decode(fragment(s, KW_PACKET_START | KW_PACKET_END | KW_RECEIVE | KW_MEDIA_WIRELESS_WAN, DNS));
        assertEquals(101, dns.linkType());
        assertEquals(Direction.IN, dns.direction());
        assertEquals("10.1.1.2:40000", dns.header().local().toString());
        assertEquals("10.1.1.1:53", dns.header().remote().toString());
    }

    @Test
    void anEndWithoutItsStartComesOutSayingSo() throws Exception {
        EventDecoder d = new EventDecoder();
        PacketEvent p = (PacketEvent) d.decode(fragment(false, KW_PACKET_END, Arrays.copyOfRange(SYN, 40, SYN.length)));
        assertEquals(14, p.length());
        assertEquals("an end or middle fragment without its start", p.header().raw().get("reassembly"));
    }
}
