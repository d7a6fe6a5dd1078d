package wstool.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Splits a netlink receive buffer (one datagram, possibly several messages) into messages. Pure Java. */
public final class NetlinkMessages {
    private NetlinkMessages() {}

    /**
     * @param datagram the bytes recv() returned, position..limit, in host byte order
     * @throws NetlinkFormatException when a length field is impossible (names the offset)
     */
    public static List<NetlinkMessage> split(ByteBuffer datagram) {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>(4);
        int pos = 0;
        int end = b.limit();
        while (end - pos >= Netlink.NLMSG_HDRLEN) {
            int len = b.getInt(pos);
            if (len < Netlink.NLMSG_HDRLEN || len > end - pos) {
                throw new NetlinkFormatException("netlink message length " + Integer.toUnsignedString(len)
                        + " does not fit the " + (end - pos) + " bytes left", pos);
            }
            int type = b.getShort(pos + 4) & 0xffff;
            int flags = b.getShort(pos + 6) & 0xffff;
            int seq = b.getInt(pos + 8);
            int portId = b.getInt(pos + 12);
            ByteBuffer payload = b.slice(pos + Netlink.NLMSG_HDRLEN, len - Netlink.NLMSG_HDRLEN)
                    .order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, seq, portId, payload, pos));
            pos += Netlink.align(len);
        }
        if (pos < end && end - pos >= 1 && out.isEmpty()) {
            throw new NetlinkFormatException("truncated netlink header (" + (end - pos) + " bytes)", pos);
        }
        return out;
    }
}
