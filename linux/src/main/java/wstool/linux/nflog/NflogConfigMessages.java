package wstool.linux.nflog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import wstool.linux.netlink.Netlink;

/** Builds the NFULNL_MSG_CONFIG requests that set up a log group (what libnetfilter_log sends). Pure Java. */
final class NflogConfigMessages {
    private NflogConfigMessages() {}

    /** A command (bind/unbind group, pf bind/unbind) for {@code family} and group {@code group} (0 for pf commands). */
    public static byte[] command(int seq, int family, int group, int command) {
        Builder b = new Builder(seq, family, group);
        b.attr(Nflog.NFULA_CFG_CMD, new byte[] {(byte) command});
        return b.finish();
    }

    /** Copy mode and range, flags (NFULNL_CFG_F_SEQ), kernel batch buffer size, flush timeout and queue threshold. */
    public static byte[] settings(int seq, int group, int copyMode, int copyRange, int flags,
                                  int nlBufSize, int timeoutCentis, int queueThreshold) {
        Builder b = new Builder(seq, Nflog.AF_UNSPEC, group);
        ByteBuffer mode = ByteBuffer.allocate(Nflog.CONFIG_MODE_LEN).order(ByteOrder.BIG_ENDIAN);
        mode.putInt(copyRange).put((byte) copyMode).put((byte) 0);
        b.attr(Nflog.NFULA_CFG_MODE, mode.array());
        b.attr(Nflog.NFULA_CFG_FLAGS, be16(flags));
        b.attr(Nflog.NFULA_CFG_NLBUFSIZ, be32(nlBufSize));
        b.attr(Nflog.NFULA_CFG_TIMEOUT, be32(timeoutCentis));
        b.attr(Nflog.NFULA_CFG_QTHRESH, be32(queueThreshold));
        return b.finish();
    }

    private static byte[] be16(int v) { return new byte[] {(byte) (v >>> 8), (byte) v}; }

    private static byte[] be32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(v).array(); }

    /** nlmsghdr (host order) + nfgenmsg + attributes. */
    private static final class Builder {
        private final ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

        Builder(int seq, int family, int group) {
            buf.putInt(0); // length, patched in finish()
            buf.putShort((short) Nflog.MSG_TYPE_CONFIG);
            buf.putShort((short) (Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
            buf.putInt(seq);
            buf.putInt(0);
            buf.put((byte) family).put((byte) Netlink.NFNETLINK_V0);
            buf.order(ByteOrder.BIG_ENDIAN).putShort((short) group).order(ByteOrder.nativeOrder());
        }

        void attr(int type, byte[] value) {
            int len = Netlink.NLA_HDRLEN + value.length;
            buf.putShort((short) len).putShort((short) type).put(value);
            for (int i = len; i < Netlink.align(len); i++) buf.put((byte) 0);
        }

        byte[] finish() {
            int len = buf.position();
            buf.putInt(0, len);
            byte[] out = new byte[len];
            buf.get(0, out);
            return out;
        }
    }
}
