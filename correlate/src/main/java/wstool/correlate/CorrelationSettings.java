package wstool.correlate;

import java.time.Duration;

/**
 * The windows and bounds of the correlation; every table it keeps is capped, so memory does not grow with the
 * length of a run.
 *
 * @param verdictWindow how far apart in time a firewall verdict and its socket event may be (either side)
 * @param dnsWindow how long after a DNS answer its address is still named by it
 * @param tcpIdle a TCP flow without events for this long is written and forgotten
 * @param udpIdle the same for UDP conversations (and firewall-only flows)
 * @param maxOpenFlows flows kept at once; beyond it the least recently active one is written early (counted)
 * @param maxTableEntries cap of each look-up table (DNS answers, recent socket events, verdicts held back)
 */
public record CorrelationSettings(Duration verdictWindow, Duration dnsWindow, Duration tcpIdle, Duration udpIdle,
                                  int maxOpenFlows, int maxTableEntries) {
    public static final CorrelationSettings DEFAULTS = new CorrelationSettings(Duration.ofSeconds(3),
            Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofMinutes(1), 100_000, 65_536);

    public CorrelationSettings {
        positive(verdictWindow, "verdict window");
        positive(dnsWindow, "DNS window");
        positive(tcpIdle, "TCP idle timeout");
        positive(udpIdle, "UDP idle timeout");
        if (maxOpenFlows < 1) throw new IllegalArgumentException("the open flow limit must be at least 1");
        if (maxTableEntries < 1) throw new IllegalArgumentException("the table limit must be at least 1");
    }

    public CorrelationSettings withVerdictWindow(Duration d) {
        return new CorrelationSettings(d, dnsWindow, tcpIdle, udpIdle, maxOpenFlows, maxTableEntries);
    }

    public CorrelationSettings withDnsWindow(Duration d) {
        return new CorrelationSettings(verdictWindow, d, tcpIdle, udpIdle, maxOpenFlows, maxTableEntries);
    }

    public CorrelationSettings withIdle(Duration tcp, Duration udp) {
        return new CorrelationSettings(verdictWindow, dnsWindow, tcp, udp, maxOpenFlows, maxTableEntries);
    }

    public CorrelationSettings withLimits(int flows, int tableEntries) {
        return new CorrelationSettings(verdictWindow, dnsWindow, tcpIdle, udpIdle, flows, tableEntries);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("the " + what + " must be positive");
    }
}
