package wstool.linux.nflog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;

/**
 * Infers verdicts for the rules {@link NftRuleInstaller} adds. netfilter never shows a later chain a dropped packet,
 * so the installer logs each packet twice: {@value #SEEN} in a chain before the filter chains and {@value #PASSED}
 * in one after all of them. A "seen" record whose "passed" twin does not follow within the window was dropped by the
 * ruleset; one that is followed was allowed. Records with other prefixes pass through untouched. Pure Java; one thread.
 */
final class DropCorrelator {
    public static final String SEEN = "ws_tool:seen";
    public static final String PASSED = "ws_tool:passed";
    /** Packets held at once; beyond it the oldest are decided early (as drops) rather than growing without bound. */
    static final int MAX_PENDING = 200_000;

    private final Duration window;
    private final boolean emitAllowed;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private long forcedEarly;

    private record Pending(FirewallEvent event, Instant seenAt) {}

    /** @param emitAllowed also report packets that passed (the user named them with --match) */
    public DropCorrelator(Duration window, boolean emitAllowed) {
        this.window = window;
        this.emitAllowed = emitAllowed;
    }

    /** Key of a packet that stays the same between the two hooks' chains (no NAT fields, no TTL). */
    public static String key(NflogPacket p) {
        byte[] b = p.payload();
        PacketHeaders h = PacketHeaders.decode(b);
        String id = b.length >= 6 && h.ipVersion() == 4 ? Integer.toString(((b[4] & 0xff) << 8) | (b[5] & 0xff))
                : b.length >= 4 && h.ipVersion() == 6 ? Integer.toString(((b[1] & 0x0f) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff))
                : "";
        return p.hook() + "|" + h.protocol() + "|" + h.src() + "|" + h.srcPort() + "|" + id + "|" + h.length() + "|"
                + (h.tcpFlags());
    }

    /**
     * Offers one mapped event; returns the events decided now (possibly none). Expiry is separate ({@link #expire}):
     * the reader calls it after a whole datagram, so a "passed" record later in the same datagram is never too late.
     */
    public List<FirewallEvent> offer(FirewallEvent e, String key, Instant now) {
        List<FirewallEvent> out = new ArrayList<>(1);
        String rule = e.rule() == null ? "" : e.rule();
        if (rule.startsWith(SEEN)) {
            Pending old = pending.put(key, new Pending(e, now));
            if (old != null) out.add(dropped(old.event)); // same key again before a verdict: the first never passed
            if (pending.size() > MAX_PENDING) {
                Iterator<Pending> it = pending.values().iterator();
                out.add(dropped(it.next().event));
                it.remove();
                forcedEarly++;
            }
        } else if (rule.startsWith(PASSED)) {
            Pending p = pending.remove(key);
            if (p != null && emitAllowed) out.add(verdict(p.event, FirewallEventType.CLASSIFY_ALLOW, "passed the ruleset"));
        } else {
            out.add(e);
        }
        return out;
    }

    /** Decides packets seen longer than the window ago (call regularly, also when nothing arrives). */
    public List<FirewallEvent> expire(Instant now) {
        List<FirewallEvent> out = new ArrayList<>();
        expire(now, out);
        return out;
    }

    /** Decides everything still pending (at shutdown): nothing passed after them, so they were dropped. */
    public List<FirewallEvent> drain() {
        List<FirewallEvent> out = new ArrayList<>();
        for (Pending p : pending.values()) out.add(dropped(p.event));
        pending.clear();
        return out;
    }

    public int pendingCount() { return pending.size(); }

    public long forcedEarly() { return forcedEarly; }

    private void expire(Instant now, List<FirewallEvent> out) {
        Instant cutoff = now.minus(window);
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (!p.seenAt.isBefore(cutoff)) break; // insertion order = arrival order
            out.add(dropped(p.event));
            it.remove();
        }
    }

    private static FirewallEvent dropped(FirewallEvent e) {
        return verdict(e, FirewallEventType.CLASSIFY_DROP, "dropped by the ruleset");
    }

    private static FirewallEvent verdict(FirewallEvent e, FirewallEventType type, String what) {
        return new FirewallEvent(e.header(), type, e.direction(), e.filterId(), e.filterName(), e.layerId(),
                e.layerName(), "ws_tool: " + what);
    }
}
