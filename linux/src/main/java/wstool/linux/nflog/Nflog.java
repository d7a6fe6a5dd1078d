package wstool.linux.nflog;

/**
 * nfnetlink_log constants from {@code <linux/netfilter/nfnetlink_log.h>} and {@code <linux/netfilter/nfnetlink.h>};
 * checked against the installed headers by {@code KernelHeaderConstantsTest}.
 */
public final class Nflog {
    public static final int NFNL_SUBSYS_ULOG = 4;
    public static final int NFULNL_MSG_PACKET = 0;
    public static final int NFULNL_MSG_CONFIG = 1;
    /** nlmsg_type of logged packets: subsystem in the high byte. */
    public static final int MSG_TYPE_PACKET = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_PACKET;
    public static final int MSG_TYPE_CONFIG = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG;

    // enum nfulnl_attr_type
    public static final int NFULA_PACKET_HDR = 1;
    public static final int NFULA_MARK = 2;
    public static final int NFULA_TIMESTAMP = 3;
    public static final int NFULA_IFINDEX_INDEV = 4;
    public static final int NFULA_IFINDEX_OUTDEV = 5;
    public static final int NFULA_IFINDEX_PHYSINDEV = 6;
    public static final int NFULA_IFINDEX_PHYSOUTDEV = 7;
    public static final int NFULA_HWADDR = 8;
    public static final int NFULA_PAYLOAD = 9;
    public static final int NFULA_PREFIX = 10;
    public static final int NFULA_UID = 11;
    public static final int NFULA_SEQ = 12;
    public static final int NFULA_SEQ_GLOBAL = 13;
    public static final int NFULA_GID = 14;
    public static final int NFULA_HWTYPE = 15;
    public static final int NFULA_MAX = 21;

    // enum nfulnl_msg_config_cmds
    public static final int CMD_BIND = 1;
    public static final int CMD_UNBIND = 2;
    public static final int CMD_PF_BIND = 3;
    public static final int CMD_PF_UNBIND = 4;

    // enum nfulnl_attr_config
    public static final int NFULA_CFG_CMD = 1;
    public static final int NFULA_CFG_MODE = 2;
    public static final int NFULA_CFG_NLBUFSIZ = 3;
    public static final int NFULA_CFG_TIMEOUT = 4;
    public static final int NFULA_CFG_QTHRESH = 5;
    public static final int NFULA_CFG_FLAGS = 6;

    public static final int NFULNL_COPY_NONE = 0;
    public static final int NFULNL_COPY_META = 1;
    public static final int NFULNL_COPY_PACKET = 2;
    public static final int NFULNL_CFG_F_SEQ = 1;
    public static final int NFULNL_CFG_F_SEQ_GLOBAL = 2;

    /** struct nfulnl_msg_packet_hdr: hw_protocol be16, hook u8, pad u8. */
    public static final int PACKET_HDR_LEN = 4;
    /** struct nfulnl_msg_packet_timestamp: sec be64, usec be64. */
    public static final int TIMESTAMP_LEN = 16;
    /** struct nfulnl_msg_config_mode (packed): copy_range be32, copy_mode u8, pad u8. */
    public static final int CONFIG_MODE_LEN = 6;

    // netfilter hooks (enum nf_inet_hooks)
    public static final int NF_INET_PRE_ROUTING = 0;
    public static final int NF_INET_LOCAL_IN = 1;
    public static final int NF_INET_FORWARD = 2;
    public static final int NF_INET_LOCAL_OUT = 3;
    public static final int NF_INET_POST_ROUTING = 4;
    public static final int NF_INET_INGRESS = 5;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_BRIDGE = 7;

    private Nflog() {}

    /** The iptables/nft chain name people know for a hook number. */
    public static String hookName(int hook) {
        return switch (hook) {
            case NF_INET_PRE_ROUTING -> "PREROUTING";
            case NF_INET_LOCAL_IN -> "INPUT";
            case NF_INET_FORWARD -> "FORWARD";
            case NF_INET_LOCAL_OUT -> "OUTPUT";
            case NF_INET_POST_ROUTING -> "POSTROUTING";
            case NF_INET_INGRESS -> "INGRESS";
            default -> "HOOK" + hook;
        };
    }
}
