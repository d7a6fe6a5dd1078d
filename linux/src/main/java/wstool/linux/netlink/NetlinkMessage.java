package wstool.linux.netlink;

import java.nio.ByteBuffer;

/**
 * One message of a netlink receive buffer: header fields and a read-only view of its payload (after the 16-byte
 * header, in the buffer's byte order). {@code offset} is where the message starts in the receive buffer.
 */
public record NetlinkMessage(int type, int flags, int seq, int portId, ByteBuffer payload, int offset) {
    /** The errno of an NLMSG_ERROR message (0 = ACK), negated to the positive errno value. */
    public int errorCode() {
        if (type != Netlink.NLMSG_ERROR) throw new IllegalStateException("not an NLMSG_ERROR message");
        if (payload.remaining() < 4) throw new NetlinkFormatException("NLMSG_ERROR without error code", offset);
        return -payload.getInt(payload.position());
    }
}
