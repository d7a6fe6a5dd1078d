package wstool.linux.netlink;

/**
 * Netlink constants from {@code <linux/netlink.h>} and {@code <linux/netfilter/nfnetlink.h>}; values are checked
 * against the installed kernel headers by {@code KernelHeaderConstantsTest}.
 */
public final class Netlink {
    public static final int AF_NETLINK = 16;
    public static final int NETLINK_NETFILTER = 12;
    public static final int NETLINK_AUDIT = 9;

    /** struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32 (host byte order). */
    public static final int NLMSG_HDRLEN = 16;
    /** struct nlattr: len u16, type u16. */
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 1;
    public static final int NLM_F_MULTI = 2;
    public static final int NLM_F_ACK = 4;

    /** struct nfgenmsg: family u8, version u8, res_id be16. */
    public static final int NFGENMSG_LEN = 4;
    public static final int NFNETLINK_V0 = 0;

    /** struct sockaddr_nl: family u16, pad u16, pid u32, groups u32. */
    public static final int SOCKADDR_NL_LEN = 12;

    private Netlink() {}

    /** Rounds up to the 4-byte netlink alignment (NLMSG_ALIGN / NLA_ALIGN). */
    public static int align(int n) { return (n + 3) & ~3; }
}
