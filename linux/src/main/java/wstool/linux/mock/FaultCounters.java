package wstool.linux.mock;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads how often each fault hit from the counters of the run's table ({@code nft list table}, rules commented f<i>). */
public final class FaultCounters {
    private static final Pattern RULE = Pattern.compile("counter packets (\\d+) bytes (\\d+) .*comment \"f(\\d+)\"");

    private FaultCounters() {}

    /** Packets per fault index, summed over the fault's rules; a fault whose rules never matched has 0. */
    public static Map<Integer, Long> packets(String listing, int faults) {
        Map<Integer, Long> n = new TreeMap<>();
        for (int i = 0; i < faults; i++) n.put(i, 0L);
        for (String line : listing.split("\n")) {
            Matcher m = RULE.matcher(line);
            if (m.find()) n.merge(Integer.parseInt(m.group(3)), Long.parseLong(m.group(1)), Long::sum);
        }
        return n;
    }
}
