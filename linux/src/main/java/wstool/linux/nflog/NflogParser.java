package wstool.linux.nflog;

import java.nio.ByteBuffer;
import java.time.Instant;
import wstool.linux.netlink.Netlink;
import wstool.linux.netlink.NetlinkAttributes;
import wstool.linux.netlink.NetlinkFormatException;
import wstool.linux.netlink.NetlinkMessage;

/** Decodes the payload of an NFULNL_MSG_PACKET netlink message. Pure Java. */
final class NflogParser {
    private NflogParser() {}

    public static boolean isPacket(NetlinkMessage m) { return m.type() == Nflog.MSG_TYPE_PACKET; }

    /** @throws NetlinkFormatException naming the offset when the message is malformed */
    public static NflogPacket parse(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int base = m.offset() + Netlink.NLMSG_HDRLEN;
        if (p.remaining() < Netlink.NFGENMSG_LEN) {
            throw new NetlinkFormatException("NFLOG packet message shorter than nfgenmsg", base);
        }
        int family = p.get(0) & 0xff;
        int group = ((p.get(2) & 0xff) << 8) | (p.get(3) & 0xff);
        NetlinkAttributes a = NetlinkAttributes.parse(p, Netlink.NFGENMSG_LEN, Nflog.NFULA_MAX, base);
        if (!a.has(Nflog.NFULA_PACKET_HDR)) {
            throw new NetlinkFormatException("NFLOG packet without NFULA_PACKET_HDR", base);
        }
        int hwProtocol = a.be16(Nflog.NFULA_PACKET_HDR);
        int hook = a.u8(Nflog.NFULA_PACKET_HDR, 2);
        Instant ts = null;
        if (a.has(Nflog.NFULA_TIMESTAMP)) {
            long sec = a.be64(Nflog.NFULA_TIMESTAMP, 0);
            long usec = a.be64(Nflog.NFULA_TIMESTAMP, 8);
            if (sec < 0 || usec < 0 || usec >= 1_000_000 || sec > Instant.MAX.getEpochSecond()) {
                throw new NetlinkFormatException("NFULA_TIMESTAMP out of range (" + sec + " s, " + usec + " us)",
                        a.offset(Nflog.NFULA_TIMESTAMP));
            }
            ts = Instant.ofEpochSecond(sec, usec * 1000);
        }
        return new NflogPacket(family, group, hwProtocol, hook,
                a.has(Nflog.NFULA_MARK) ? a.be32(Nflog.NFULA_MARK) : 0,
                ts,
                a.has(Nflog.NFULA_IFINDEX_INDEV) ? (int) a.be32(Nflog.NFULA_IFINDEX_INDEV) : 0,
                a.has(Nflog.NFULA_IFINDEX_OUTDEV) ? (int) a.be32(Nflog.NFULA_IFINDEX_OUTDEV) : 0,
                a.has(Nflog.NFULA_PREFIX) ? a.string(Nflog.NFULA_PREFIX) : "",
                a.has(Nflog.NFULA_UID) ? a.be32(Nflog.NFULA_UID) : -1,
                a.has(Nflog.NFULA_GID) ? a.be32(Nflog.NFULA_GID) : -1,
                a.has(Nflog.NFULA_SEQ) ? a.be32(Nflog.NFULA_SEQ) : -1,
                a.has(Nflog.NFULA_PAYLOAD) ? a.bytes(Nflog.NFULA_PAYLOAD) : new byte[0]);
    }
}
