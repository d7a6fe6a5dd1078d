package wstool.linux.mock;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The nft table of one mock run ({@code inet ws_tool_mock_<pid>}): one output chain whose rules match only sockets
 * of the run's cgroup ({@code socket cgroupv2 level N "PATH"}: the cgroup a socket was created in) and do each fault.
 * Every rule has a counter and the comment {@code f<index>}, so {@link FaultCounters} can say how often each fault hit.
 * Built only from parsed numbers, address objects and the generated cgroup path; never from user text.
 *
 * <ul>
 * <li>refuse: TCP is answered with a reset, other protocols with ICMP port unreachable (both: ECONNREFUSED);</li>
 * <li>unreachable: ICMP host unreachable (EHOSTUNREACH);</li>
 * <li>reset-after: a per-connection quota in a dynamic set keyed by the conntrack id; past it every packet the program
 *     sends is answered with a reset (ECONNRESET);</li>
 * <li>blackhole / loss: the packets get the fault's mark and are dropped (loss: that share, {@code numgen random})
 *     at the egress hook of the device in the run's {@code netdev} table ({@link #egressRuleset}): silently, as a
 *     network drops, where a drop in the output hook would fail the send with EPERM;</li>
 * <li>delay / rate: the packets get the fault's mark, which the run's tc tree ({@link TcShaper}) sends to a shaped
 *     class on the egress device.</li>
 * </ul>
 * "first=N" keeps the first N connections in a set of size N (a full set stops the rule, so later connections pass);
 * "p=P%" is a per-packet probability ({@code numgen random mod 100 < P}).
 */
public final class MockRuleset {
    /** Tables of mock runs are named this plus the owning process id. */
    public static final String TABLE_PREFIX = "ws_tool_mock_";
    /** Before the usual filter chains (priority 0), so a fault is done even where another table would accept. */
    static final int PRIORITY = -10;
    private static final Pattern CGROUP_PATH = Pattern.compile("[A-Za-z0-9_./-]{1,200}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private MockRuleset() {}

    /**
     * @param cgroupPath the cgroup as nft resolves it: relative to /sys/fs/cgroup ("unified/ws_tool/mock_42")
     * @param level the cgroup's depth in the cgroup2 hierarchy (ws_tool/mock_42: 2)
     * @param marks the packet mark of each fault (used for delay / rate; 0 for the others)
     * @param devices where the run's tc tree is (named in the table comment, for the sweep of a dead run)
     */
    public static String ruleset(String table, String cgroupPath, int level, List<Fault> faults, List<Long> marks,
                                 List<String> devices) {
        if (!CGROUP_PATH.matcher(cgroupPath).matches() || cgroupPath.contains("..")) {
            throw new IllegalArgumentException("not a cgroup path ws_tool made: " + cgroupPath);
        }
        for (String d : devices) if (!DEVICE.matcher(d).matches()) throw new IllegalArgumentException("not a device name: " + d);
        StringBuilder sb = new StringBuilder();
        sb.append("table inet ").append(table).append(" {}\ndelete table inet ").append(table).append('\n');
        sb.append("table inet ").append(table).append(" {\n");
        sb.append("  comment \"ws_tool mock; devices=").append(String.join(",", devices)).append("\"\n");
        for (int i = 0; i < faults.size(); i++) sets(sb, i, faults.get(i));
        sb.append("  chain out {\n    type filter hook output priority ").append(PRIORITY).append("; policy accept;\n");
        String socket = "socket cgroupv2 level " + level + " \"" + cgroupPath + "\"";
        for (int i = 0; i < faults.size(); i++) {
            for (String rule : rules(i, faults.get(i), marks.get(i))) {
                sb.append("    ").append(socket).append(' ').append(rule).append('\n');
            }
        }
        return sb.append("  }\n}\n").toString();
    }

    private static void sets(StringBuilder sb, int i, Fault f) {
        if (f.scope().first() > 0) {
            sb.append("  set f").append(i).append("_first { typeof ct id; size ").append(f.scope().first())
              .append("; flags dynamic; }\n");
        }
        if (f.kind() == FaultKind.RESET_AFTER) {
            sb.append("  set f").append(i).append("_bytes { typeof ct id; size 65535; flags dynamic,timeout; timeout 1h; }\n");
        }
    }

    /** The rules of one fault (one per address family and, for refuse, per reply kind). */
    static List<String> rules(int i, Fault f, long mark) {
        FaultScope s = f.scope();
        List<String> where = new ArrayList<>();
        if (s.addresses().isEmpty()) {
            where.add("");
        } else {
            if (!s.v4().isEmpty()) where.add("ip daddr " + addresses(s.v4(), s.prefix()) + " ");
            if (!s.v6().isEmpty()) where.add("ip6 daddr " + addresses(s.v6(), s.prefix()) + " ");
        }
        String proto = f.kind() == FaultKind.RESET_AFTER ? "tcp" : s.protocol();
        List<String> out = new ArrayList<>();
        for (String w : where) {
            if (f.kind() == FaultKind.REFUSE && proto == null) {
                out.add(w + l4("tcp", s.port()) + tail(i, f, mark, "reject with tcp reset"));
                out.add(w + (s.port() > 0 ? "meta l4proto udp udp dport " + s.port() + " " : "meta l4proto != tcp ")
                        + tail(i, f, mark, "reject with icmpx type port-unreachable"));
            } else {
                String prefix = proto != null ? l4(proto, s.port())
                        : s.port() > 0 ? "meta l4proto { tcp, udp } th dport " + s.port() + " " : "";
                out.add(w + prefix + tail(i, f, mark, action(f, i, mark, proto)));
            }
        }
        return out;
    }

    private static String l4(String proto, int port) {
        return "meta l4proto " + proto + " " + (port > 0 ? proto + " dport " + port + " " : "");
    }

    private static String tail(int i, Fault f, long mark, String action) {
        StringBuilder t = new StringBuilder();
        if (f.scope().first() > 0) t.append("add @f").append(i).append("_first { ct id } ");
        if (f.scope().percent() > 0) t.append("numgen random mod 100 < ").append(f.scope().percent()).append(' ');
        if (f.kind() == FaultKind.RESET_AFTER) {
            t.append("ct state established add @f").append(i).append("_bytes { ct id quota over ")
             .append(f.amount()).append(" bytes } ");
        }
        if (f.kind().droppedAtEgress()) return t.append(action).toString(); // counted where it is dropped
        return t.append("counter ").append(action).append(" comment \"f").append(i).append('"').toString();
    }

    private static String action(Fault f, int i, long mark, String proto) {
        return switch (f.kind()) {
            case REFUSE -> proto.equals("tcp") ? "reject with tcp reset" : "reject with icmpx type port-unreachable";
            case UNREACHABLE -> "reject with icmpx type host-unreachable";
            case RESET_AFTER -> "reject with tcp reset";
            case DELAY, RATE, BLACKHOLE, LOSS -> {
                if (mark == 0) throw new IllegalArgumentException("fault f" + i + " needs a packet mark");
                yield String.format("meta mark set 0x%08x", mark);
            }
        };
    }

    /**
     * The run's {@code netdev} table (same name as the inet one): one egress chain per device that drops the packets
     * of the blackhole and loss faults by their mark, counting them under the fault's comment.
     */
    public static String egressRuleset(String table, List<String> devices, List<Fault> faults, List<Long> marks) {
        StringBuilder sb = new StringBuilder();
        sb.append("table netdev ").append(table).append(" {}\ndelete table netdev ").append(table).append('\n');
        sb.append("table netdev ").append(table).append(" {\n");
        for (int d = 0; d < devices.size(); d++) {
            if (!DEVICE.matcher(devices.get(d)).matches()) throw new IllegalArgumentException("not a device name: " + devices.get(d));
            sb.append("  chain e").append(d).append(" {\n    type filter hook egress device \"").append(devices.get(d))
              .append("\" priority 0; policy accept;\n");
            for (int i = 0; i < faults.size(); i++) {
                Fault f = faults.get(i);
                if (!f.kind().droppedAtEgress()) continue;
                sb.append("    meta mark ").append(String.format("0x%08x", marks.get(i))).append(' ');
                if (f.kind() == FaultKind.LOSS) sb.append("numgen random mod 10000 < ").append(f.amount()).append(' ');
                sb.append("counter drop comment \"f").append(i).append("\"\n");
            }
            sb.append("  }\n");
        }
        return sb.append("}\n").toString();
    }

    private static String addresses(List<InetAddress> list, int prefix) {
        List<String> texts = list.stream().map(a -> a.getHostAddress().replaceAll("%.*", "") + (prefix >= 0 ? "/" + prefix : "")).toList();
        return texts.size() == 1 ? texts.get(0) : "{ " + String.join(", ", texts) + " }";
    }
}
