package wstool.linux.mock;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wstool.linux.sys.ToolRunner;

/**
 * The traffic-control tree of a mock run on one egress device: a root {@code htb} (handle {@value #HANDLE}:) whose
 * unclassified traffic goes out unshaped (htb's direct queue, {@code default 0}), one class per delay / rate fault
 * (htb rate for --rate, a {@code netem} leaf for --delay), and a classic-BPF filter per class that picks the packets
 * carrying the fault's mark, which only the run's nft rules set on packets of the program's sockets. So the device
 * can carry other traffic: only the program's marked packets are shaped. The filter is classic BPF ({@code ld #mark})
 * because cls_bpf is built into kernels that lack cls_fw.
 *
 * <p>A device whose root qdisc is not a kernel default (handle 0:) was configured by someone: it is never replaced.
 */
public final class TcShaper {
    static final String HANDLE = "7773";
    private static final Pattern DEV = Pattern.compile("\\bdev ([A-Za-z0-9_.-]{1,15})(?:@\\S+)?");
    private static final Pattern ROOT = Pattern.compile("qdisc (\\S+) ([0-9a-f]+): root");
    private static final String HINT = "apt-get install iproute2";

    private final List<String> installed = new ArrayList<>();

    /** The devices the faults' traffic leaves by: the route to each fault's remote, or the default routes. */
    public static List<String> devices(List<Fault> faults) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (Fault f : faults) {
            if (f.scope().addresses().isEmpty()) {
                for (String family : List.of("-4", "-6")) {
                    String r = ToolRunner.run(null, HINT, List.of("ip", family, "route", "show", "default"));
                    Matcher m = DEV.matcher(r);
                    while (m.find()) out.add(m.group(1));
                }
                if (out.isEmpty()) {
                    throw new IOException(f.kind().option() + " without a remote needs a default route to find the device;"
                            + " give the remote (e.g. " + f.kind().option() + " ...,10.0.0.2)");
                }
            } else {
                for (InetAddress a : f.scope().addresses()) {
                    String r = ToolRunner.run(null, HINT, List.of("ip", "route", "get", a.getHostAddress().replaceAll("%.*", "")));
                    Matcher m = DEV.matcher(r);
                    if (!m.find()) throw new IOException("no route to " + a.getHostAddress() + ": " + r);
                    out.add(m.group(1));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The command lines that build the tree on one device (the mark of fault i selects class i+1). */
    static List<List<String>> commands(String dev, List<Fault> faults, List<Long> marks) {
        List<List<String>> cmds = new ArrayList<>();
        cmds.add(List.of("tc", "qdisc", "replace", "dev", dev, "root", "handle", HANDLE + ":", "htb", "default", "0"));
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (!f.kind().shaped()) continue;
            String classid = HANDLE + ":" + Integer.toHexString(i + 1);
            String rate = (f.kind() == FaultKind.RATE ? f.amount() : 100_000_000_000L) + "bit";
            cmds.add(List.of("tc", "class", "add", "dev", dev, "parent", HANDLE + ":", "classid", classid, "htb",
                    "rate", rate, "ceil", rate));
            if (f.kind() == FaultKind.DELAY) {
                List<String> netem = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", dev, "parent", classid,
                        "netem", "limit", "100000", "delay", f.amount() + "ms"));
                if (f.jitter() > 0) netem.add(f.jitter() + "ms");
                cmds.add(netem);
            }
            cmds.add(List.of("tc", "filter", "add", "dev", dev, "parent", HANDLE + ":", "protocol", "all", "prio", "1",
                    "bpf", "bytecode", markFilter(marks.get(i)), "classid", classid));
        }
        return cmds;
    }

    /**
     * Classic BPF: A = skb->mark (ld #mark: SKF_AD_OFF -4096 + SKF_AD_MARK 20 from include/uapi/linux/filter.h, as
     * unsigned 4294963220); equal to the
     * mark: return -1 (the filter's classid), else 0 (no match). tc's "bytecode" form: count, then "code jt jf k".
     */
    static String markFilter(long mark) {
        return "4,32 0 0 4294963220,21 0 1 " + mark + ",6 0 0 4294967295,6 0 0 0";
    }

    /** Builds the tree on each device; on a failure removes what it built and says what the kernel lacks. */
    public void install(List<String> devices, List<Fault> faults, List<Long> marks) throws IOException {
        for (String dev : devices) {
            String root = ToolRunner.run(null, HINT, List.of("tc", "qdisc", "show", "dev", dev, "root"));
            Matcher m = ROOT.matcher(root);
            if (m.find() && !m.group(2).equals("0")) {
                throw new IOException("device " + dev + " has a configured root qdisc (" + m.group(1) + " " + m.group(2)
                        + ":)" + (m.group(2).equals(HANDLE) ? ", the tree of another ws_tool mock run" : "")
                        + "; ws_tool mock does not replace it");
            }
            installed.add(dev);
            for (List<String> cmd : commands(dev, faults, marks)) {
                try {
                    ToolRunner.run(null, HINT, cmd);
                } catch (IOException e) {
                    String msg = e.getMessage();
                    if (cmd.contains("netem") && msg.contains("qdisc kind is unknown")) {
                        throw new IOException("--delay needs the kernel's netem qdisc (sch_netem, CONFIG_NET_SCH_NETEM),"
                                + " which this kernel does not have", e);
                    }
                    throw e;
                }
            }
        }
    }

    /** Removes the trees this run built (idempotent); the devices get their default qdisc back. */
    public void remove() throws IOException {
        IOException first = null;
        for (String dev : List.copyOf(installed)) {
            try {
                removeTree(dev);
                installed.remove(dev);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /** Deletes the root qdisc of a device when it is a ws_tool mock tree; anything else is left alone. */
    static boolean removeTree(String dev) throws IOException {
        String root;
        try {
            root = ToolRunner.run(null, HINT, List.of("tc", "qdisc", "show", "dev", dev, "root"));
        } catch (IOException gone) {
            if (gone.getMessage().contains("Cannot find device")) return false;
            throw gone;
        }
        Matcher m = ROOT.matcher(root);
        if (!m.find() || !m.group(2).equals(HANDLE)) return false;
        ToolRunner.run(null, HINT, List.of("tc", "qdisc", "del", "dev", dev, "root"));
        return true;
    }
}
