package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.linux.netlink.Netlink;
import wstool.linux.netlink.NetlinkFormatException;
import wstool.linux.netlink.NetlinkMessage;
import wstool.linux.netlink.NetlinkMessages;

class NflogParserTest {
    @Test
    void decodesEveryAttribute() {
        byte[] payload = NflogMessageBuilder.ipv4(6, "10.213.1.2", "10.213.1.1", NflogMessageBuilder.tcp(40000, 22, 0x02));
        byte[] msg = new NflogMessageBuilder(Nflog.AF_INET, 100)
                .packetHeader(0x0800, Nflog.NF_INET_LOCAL_IN)
                .be32(Nflog.NFULA_MARK, 0xbeef)
                .timestamp(1_700_000_000L, 123_456)
                .be32(Nflog.NFULA_IFINDEX_INDEV, 7)
                .be32(Nflog.NFULA_IFINDEX_OUTDEV, 9)
                .payload(payload)
                .prefix("ws_tool drop")
                .be32(Nflog.NFULA_UID, 1000)
                .be32(Nflog.NFULA_GID, 1001)
                .be32(Nflog.NFULA_SEQ, 42)
                .build();
        List<NetlinkMessage> ms = NetlinkMessages.split(ByteBuffer.wrap(msg));
        assertEquals(1, ms.size());
        assertTrue(NflogParser.isPacket(ms.get(0)));
        NflogPacket p = NflogParser.parse(ms.get(0));
        assertEquals(Nflog.AF_INET, p.family());
        assertEquals(100, p.group());
        assertEquals(0x0800, p.hwProtocol());
        assertEquals(Nflog.NF_INET_LOCAL_IN, p.hook());
        assertEquals(0xbeef, p.mark());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), p.timestamp());
        assertEquals(7, p.inIfindex());
        assertEquals(9, p.outIfindex());
        assertEquals("ws_tool drop", p.prefix());
        assertEquals(1000, p.uid());
        assertEquals(1001, p.gid());
        assertEquals(42, p.seq());
        assertArrayEquals(payload, p.payload());
    }

    @Test
    void absentOptionalAttributesHaveNeutralValues() {
        byte[] msg = new NflogMessageBuilder(Nflog.AF_INET6, 65535).packetHeader(0x86dd, Nflog.NF_INET_LOCAL_OUT).build();
        NflogPacket p = NflogParser.parse(NetlinkMessages.split(ByteBuffer.wrap(msg)).get(0));
        assertEquals(65535, p.group());
        assertNull(p.timestamp());
        assertEquals(-1, p.uid());
        assertEquals(-1, p.seq());
        assertEquals("", p.prefix());
        assertEquals(0, p.payload().length);
    }

    @Test
    void splitsBatchedDatagram() {
        byte[] a = new NflogMessageBuilder(Nflog.AF_INET, 5).packetHeader(0x0800, 1).be32(Nflog.NFULA_SEQ, 1).build();
        byte[] b = new NflogMessageBuilder(Nflog.AF_INET, 5).packetHeader(0x0800, 1).be32(Nflog.NFULA_SEQ, 2).prefix("x").build();
        List<NetlinkMessage> ms = NetlinkMessages.split(ByteBuffer.wrap(NflogMessageBuilder.concat(a, b)));
        assertEquals(2, ms.size());
        assertEquals(a.length, ms.get(1).offset());
        assertEquals(2, NflogParser.parse(ms.get(1)).seq());
    }

    @Test
    void missingPacketHeaderIsAnError() {
        byte[] msg = new NflogMessageBuilder(Nflog.AF_INET, 1).prefix("p").build();
        NetlinkFormatException e = assertThrows(NetlinkFormatException.class,
                () -> NflogParser.parse(NetlinkMessages.split(ByteBuffer.wrap(msg)).get(0)));
        assertTrue(e.getMessage().contains("NFULA_PACKET_HDR"), e.getMessage());
    }

    @Test
    void oversizedAttributeNamesItsOffset() {
        byte[] msg = new NflogMessageBuilder(Nflog.AF_INET, 1).packetHeader(0x0800, 1).prefix("abc").build();
        int attrAt = Netlink.NLMSG_HDRLEN + Netlink.NFGENMSG_LEN + 8; // second attribute
        ByteBuffer.wrap(msg).order(java.nio.ByteOrder.nativeOrder()).putShort(attrAt, (short) 200);
        NetlinkFormatException e = assertThrows(NetlinkFormatException.class,
                () -> NflogParser.parse(NetlinkMessages.split(ByteBuffer.wrap(msg)).get(0)));
        assertEquals(attrAt, e.offset());
    }

    @Test
    void impossibleMessageLengthNamesItsOffset() {
        byte[] a = new NflogMessageBuilder(Nflog.AF_INET, 5).packetHeader(0x0800, 1).build();
        byte[] b = new NflogMessageBuilder(Nflog.AF_INET, 5).packetHeader(0x0800, 1).build();
        byte[] both = NflogMessageBuilder.concat(a, b);
        ByteBuffer.wrap(both).order(java.nio.ByteOrder.nativeOrder()).putInt(a.length, 4096);
        NetlinkFormatException e = assertThrows(NetlinkFormatException.class, () -> NetlinkMessages.split(ByteBuffer.wrap(both)));
        assertEquals(a.length, e.offset());
    }

    @Test
    void timestampOutOfRangeIsRejected() {
        byte[] msg = new NflogMessageBuilder(Nflog.AF_INET, 1).packetHeader(0x0800, 1).timestamp(5, 2_000_000).build();
        assertThrows(NetlinkFormatException.class,
                () -> NflogParser.parse(NetlinkMessages.split(ByteBuffer.wrap(msg)).get(0)));
    }

    @Test
    void configMessagesMatchLibnetfilterLogLayout() {
        byte[] bind = NflogConfigMessages.command(7, Nflog.AF_UNSPEC, 100, Nflog.CMD_BIND);
        // nlmsghdr 16 + nfgenmsg 4 + nlattr(4 + 1 byte, padded to 8)
        assertEquals(28, bind.length);
        ByteBuffer b = ByteBuffer.wrap(bind).order(java.nio.ByteOrder.nativeOrder());
        assertEquals(28, b.getInt(0));
        assertEquals(0x0401, b.getShort(4));
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, b.getShort(6));
        assertEquals(7, b.getInt(8));
        assertEquals(0, bind[16]);
        assertEquals(0, bind[18]);
        assertEquals(100, bind[19]); // res_id big-endian
        assertEquals(5, b.getShort(20));
        assertEquals(Nflog.NFULA_CFG_CMD, b.getShort(22));
        assertEquals(Nflog.CMD_BIND, bind[24]);

        byte[] s = NflogConfigMessages.settings(8, 300, Nflog.NFULNL_COPY_PACKET, 256, Nflog.NFULNL_CFG_F_SEQ, 65536, 5, 256);
        ByteBuffer sb = ByteBuffer.wrap(s).order(java.nio.ByteOrder.nativeOrder());
        assertEquals(s.length, sb.getInt(0));
        assertEquals(1, s[18]); // 300 = 0x012c
        assertEquals(0x2c, s[19]);
        // mode attribute: len 10, type 2, copy_range be32 256, copy_mode 2
        assertEquals(10, sb.getShort(20));
        assertEquals(Nflog.NFULA_CFG_MODE, sb.getShort(22));
        assertEquals(256, ByteBuffer.wrap(s, 24, 4).getInt());
        assertEquals(Nflog.NFULNL_COPY_PACKET, s[28]);
    }
}
