package wstool.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The attributes (struct nlattr TLVs) of a message, indexed by type (flags masked off); the last one of a type wins,
 * as in the kernel's nla_parse. Attribute values are read in network byte order (nfnetlink puts be16/be32/be64).
 */
public final class NetlinkAttributes {
    private final ByteBuffer buf;
    private final ByteBuffer be;
    private final int base;
    private final int[] start;
    private final int[] length;

    private NetlinkAttributes(ByteBuffer buf, int base, int maxType) {
        this.buf = buf;
        this.be = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.base = base;
        this.start = new int[maxType + 1];
        this.length = new int[maxType + 1];
        java.util.Arrays.fill(start, -1);
    }

    /**
     * Parses attributes from {@code from} to the end of {@code buf}; types above {@code maxType} are skipped.
     *
     * @param base offset of {@code buf}'s position 0 in the receive buffer, for error messages
     */
    public static NetlinkAttributes parse(ByteBuffer buf, int from, int maxType, int base) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.nativeOrder());
        NetlinkAttributes a = new NetlinkAttributes(b, base, maxType);
        int pos = from;
        int end = b.limit();
        while (end - pos >= Netlink.NLA_HDRLEN) {
            int len = b.getShort(pos) & 0xffff;
            int type = b.getShort(pos + 2) & Netlink.NLA_TYPE_MASK;
            if (len < Netlink.NLA_HDRLEN || len > end - pos) {
                throw new NetlinkFormatException("attribute type " + type + " length " + len + " does not fit the "
                        + (end - pos) + " bytes left", base + pos);
            }
            if (type <= maxType) {
                a.start[type] = pos + Netlink.NLA_HDRLEN;
                a.length[type] = len - Netlink.NLA_HDRLEN;
            }
            pos += Netlink.align(len);
        }
        return a;
    }

    public boolean has(int type) { return type < start.length && start[type] >= 0; }

    public int length(int type) { return has(type) ? length[type] : -1; }

    /** A big-endian view of the attribute's value. */
    public ByteBuffer value(int type) {
        require(type, 0);
        return buf.slice(start[type], length[type]).order(ByteOrder.BIG_ENDIAN);
    }

    public int offset(int type) { return has(type) ? base + start[type] : -1; }

    public int be16(int type) { require(type, 2); return be.getShort(start[type]) & 0xffff; }

    public long be32(int type) { require(type, 4); return be.getInt(start[type]) & 0xffffffffL; }

    public long be64(int type, int at) {
        require(type, at + 8);
        return be.getLong(start[type] + at);
    }

    public int u8(int type, int at) { require(type, at + 1); return buf.get(start[type] + at) & 0xff; }

    /** A NUL-terminated (or length-bounded) string attribute, decoded as UTF-8 with bad bytes replaced. */
    public String string(int type) {
        require(type, 0);
        int n = 0;
        while (n < length[type] && buf.get(start[type] + n) != 0) n++;
        byte[] bytes = new byte[n];
        buf.get(start[type], bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int type) {
        require(type, 0);
        byte[] out = new byte[length[type]];
        buf.get(start[type], out);
        return out;
    }

    private void require(int type, int minLength) {
        if (!has(type)) throw new IllegalArgumentException("attribute " + type + " absent");
        if (length[type] < minLength) {
            throw new NetlinkFormatException("attribute type " + type + " has " + length[type] + " bytes, needs "
                    + minLength, base + start[type] - Netlink.NLA_HDRLEN);
        }
    }
}
