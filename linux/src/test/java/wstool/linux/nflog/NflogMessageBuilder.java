package wstool.linux.nflog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import wstool.linux.netlink.Netlink;

/** Builds NFULNL_MSG_PACKET messages byte by byte the way nfnetlink_log lays them out (for tests). */
final class NflogMessageBuilder {
    private final ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    private final int family;
    private final int group;

    NflogMessageBuilder(int family, int group) {
        this.family = family;
        this.group = group;
    }

    NflogMessageBuilder attr(int type, byte[] value) {
        int len = Netlink.NLA_HDRLEN + value.length;
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
        h.putShort((short) len).putShort((short) type);
        attrs.writeBytes(h.array());
        attrs.writeBytes(value);
        for (int i = len; i < Netlink.align(len); i++) attrs.write(0);
        return this;
    }

    NflogMessageBuilder packetHeader(int hwProtocol, int hook) {
        return attr(Nflog.NFULA_PACKET_HDR, new byte[] {(byte) (hwProtocol >>> 8), (byte) hwProtocol, (byte) hook, 0});
    }

    NflogMessageBuilder be32(int type, long v) {
        return attr(type, ByteBuffer.allocate(4).putInt((int) v).array());
    }

    NflogMessageBuilder timestamp(long sec, long usec) {
        return attr(Nflog.NFULA_TIMESTAMP, ByteBuffer.allocate(16).putLong(sec).putLong(usec).array());
    }

    NflogMessageBuilder prefix(String p) {
        byte[] s = p.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return attr(Nflog.NFULA_PREFIX, z);
    }

    NflogMessageBuilder payload(byte[] p) { return attr(Nflog.NFULA_PAYLOAD, p); }

    /** The whole netlink message: nlmsghdr (host order) + nfgenmsg + attributes. */
    byte[] build() {
        byte[] a = attrs.toByteArray();
        int len = Netlink.NLMSG_HDRLEN + Netlink.NFGENMSG_LEN + a.length;
        ByteBuffer b = ByteBuffer.allocate(Netlink.align(len)).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) Nflog.MSG_TYPE_PACKET).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) family).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) group);
        b.put(a);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** An IPv4 header (no options) + a transport header. */
    static byte[] ipv4(int proto, String src, String dst, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) proto).putShort((short) 0);
        b.put(addr(src)).put(addr(dst)).put(l4);
        return b.array();
    }

    static byte[] ipv6(int next, String src, String dst, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
        b.putInt(0x60000000).putShort((short) rest.length).put((byte) next).put((byte) 57);
        b.put(addr(src)).put(addr(dst)).put(rest);
        return b.array();
    }

    static byte[] tcp(int sport, int dport, int flags) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) sport).putShort((short) dport).putInt(1).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 64240).putInt(0);
        return b.array();
    }

    static byte[] udp(int sport, int dport, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload)).putShort((short) 0);
        return b.array();
    }

    static byte[] icmp(int type, int code) { return new byte[] {(byte) type, (byte) code, 0, 0, 0, 1, 0, 1}; }

    static byte[] addr(String literal) {
        return wstool.core.net.Addresses.parse(literal).getAddress();
    }
}
