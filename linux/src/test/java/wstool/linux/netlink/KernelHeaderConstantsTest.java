package wstool.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import wstool.linux.nflog.Nflog;

/**
 * Compares the constants the backend hard-codes with the installed kernel UAPI headers (package linux-libc-dev):
 * enum members are numbered as the C compiler does, #defines read literally.
 */
class KernelHeaderConstantsTest {
    private static final Path INCLUDE = Path.of("/usr/include");

    private static Map<String, Long> symbols(String header) throws IOException {
        Path p = INCLUDE.resolve(header);
        assumeTrue(Files.isReadable(p), "LOUD SKIP: kernel header " + p + " missing (apt-get install linux-libc-dev)");
        String text = Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Map<String, Long> out = new HashMap<>();
        Matcher d = Pattern.compile("#define\\s+(\\w+)\\s+\\(?\\s*(0x[0-9a-fA-F]+|\\d+)\\s*\\)?\\s*$", Pattern.MULTILINE).matcher(text);
        while (d.find()) out.put(d.group(1), Long.decode(d.group(2)));
        Matcher e = Pattern.compile("enum\\s+\\w*\\s*\\{([^}]*)\\}").matcher(text);
        while (e.find()) {
            long next = 0;
            for (String item : e.group(1).split(",")) {
                String s = item.trim();
                if (s.isEmpty()) continue;
                String[] kv = s.split("=");
                String name = kv[0].trim();
                if (kv.length > 1) {
                    String v = kv[1].trim();
                    next = v.matches("0x[0-9a-fA-F]+|\\d+") ? Long.decode(v) : out.getOrDefault(v, next);
                }
                out.put(name, next++);
            }
        }
        return out;
    }

    @Test
    void nfnetlinkLog() throws IOException {
        Map<String, Long> h = symbols("linux/netfilter/nfnetlink_log.h");
        assertEquals(h.get("NFULNL_MSG_PACKET"), (long) Nflog.NFULNL_MSG_PACKET);
        assertEquals(h.get("NFULNL_MSG_CONFIG"), (long) Nflog.NFULNL_MSG_CONFIG);
        assertEquals(h.get("NFULA_PACKET_HDR"), (long) Nflog.NFULA_PACKET_HDR);
        assertEquals(h.get("NFULA_MARK"), (long) Nflog.NFULA_MARK);
        assertEquals(h.get("NFULA_TIMESTAMP"), (long) Nflog.NFULA_TIMESTAMP);
        assertEquals(h.get("NFULA_IFINDEX_INDEV"), (long) Nflog.NFULA_IFINDEX_INDEV);
        assertEquals(h.get("NFULA_IFINDEX_OUTDEV"), (long) Nflog.NFULA_IFINDEX_OUTDEV);
        assertEquals(h.get("NFULA_PAYLOAD"), (long) Nflog.NFULA_PAYLOAD);
        assertEquals(h.get("NFULA_PREFIX"), (long) Nflog.NFULA_PREFIX);
        assertEquals(h.get("NFULA_UID"), (long) Nflog.NFULA_UID);
        assertEquals(h.get("NFULA_SEQ"), (long) Nflog.NFULA_SEQ);
        assertEquals(h.get("NFULA_GID"), (long) Nflog.NFULA_GID);
        assertEquals(h.get("__NFULA_MAX") - 1, (long) Nflog.NFULA_MAX);
        assertEquals(h.get("NFULNL_CFG_CMD_BIND"), (long) Nflog.CMD_BIND);
        assertEquals(h.get("NFULNL_CFG_CMD_UNBIND"), (long) Nflog.CMD_UNBIND);
        assertEquals(h.get("NFULNL_CFG_CMD_PF_BIND"), (long) Nflog.CMD_PF_BIND);
        assertEquals(h.get("NFULNL_CFG_CMD_PF_UNBIND"), (long) Nflog.CMD_PF_UNBIND);
        assertEquals(h.get("NFULA_CFG_CMD"), (long) Nflog.NFULA_CFG_CMD);
        assertEquals(h.get("NFULA_CFG_MODE"), (long) Nflog.NFULA_CFG_MODE);
        assertEquals(h.get("NFULA_CFG_NLBUFSIZ"), (long) Nflog.NFULA_CFG_NLBUFSIZ);
        assertEquals(h.get("NFULA_CFG_TIMEOUT"), (long) Nflog.NFULA_CFG_TIMEOUT);
        assertEquals(h.get("NFULA_CFG_QTHRESH"), (long) Nflog.NFULA_CFG_QTHRESH);
        assertEquals(h.get("NFULA_CFG_FLAGS"), (long) Nflog.NFULA_CFG_FLAGS);
        assertEquals(h.get("NFULNL_COPY_PACKET"), (long) Nflog.NFULNL_COPY_PACKET);
        assertEquals(h.get("NFULNL_COPY_META"), (long) Nflog.NFULNL_COPY_META);
        assertEquals(h.get("NFULNL_CFG_F_SEQ"), (long) Nflog.NFULNL_CFG_F_SEQ);
    }

    @Test
    void nfnetlinkAndNetlink() throws IOException {
        Map<String, Long> nf = symbols("linux/netfilter/nfnetlink.h");
        assertEquals(nf.get("NFNL_SUBSYS_ULOG"), (long) Nflog.NFNL_SUBSYS_ULOG);
        assertEquals(nf.get("NFNETLINK_V0"), (long) Netlink.NFNETLINK_V0);
        Map<String, Long> nl = symbols("linux/netlink.h");
        assertEquals(nl.get("NETLINK_NETFILTER"), (long) Netlink.NETLINK_NETFILTER);
        assertEquals(nl.get("NETLINK_AUDIT"), (long) Netlink.NETLINK_AUDIT);
        assertEquals(nl.get("NLM_F_REQUEST"), (long) Netlink.NLM_F_REQUEST);
        assertEquals(nl.get("NLM_F_MULTI"), (long) Netlink.NLM_F_MULTI);
        assertEquals(nl.get("NLM_F_ACK"), (long) Netlink.NLM_F_ACK);
        assertEquals(nl.get("NLMSG_ERROR"), (long) Netlink.NLMSG_ERROR);
        assertEquals(nl.get("NLMSG_DONE"), (long) Netlink.NLMSG_DONE);
        Map<String, Long> nfh = symbols("linux/netfilter.h");
        assertEquals(nfh.get("NF_INET_LOCAL_IN"), (long) Nflog.NF_INET_LOCAL_IN);
        assertEquals(nfh.get("NF_INET_FORWARD"), (long) Nflog.NF_INET_FORWARD);
        assertEquals(nfh.get("NF_INET_LOCAL_OUT"), (long) Nflog.NF_INET_LOCAL_OUT);
        assertEquals(nfh.get("NF_INET_POST_ROUTING"), (long) Nflog.NF_INET_POST_ROUTING);
        assertEquals(nfh.get("NF_INET_INGRESS"), (long) Nflog.NF_INET_INGRESS);
        Map<String, Long> sock = symbols("asm-generic/socket.h");
        assertEquals(sock.get("SO_RCVBUF"), (long) wstool.linux.sys.NetlinkSocket.SO_RCVBUF);
        assertEquals(sock.get("SO_RCVBUFFORCE"), (long) wstool.linux.sys.NetlinkSocket.SO_RCVBUFFORCE);
        assertEquals(sock.get("SOL_SOCKET"), (long) wstool.linux.sys.NetlinkSocket.SOL_SOCKET);
        Map<String, Long> errno = symbols("asm-generic/errno.h");
        assertEquals(errno.get("ENOBUFS"), (long) wstool.linux.sys.Errno.ENOBUFS);
    }
}
