package wstool.linux.nflog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;

class DropCorrelatorTest {
    private final NflogEventMapper mapper = new NflogEventMapper(i -> null, u -> null);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private NflogPacket packet(String prefix, int sport) {
        byte[] pl = NflogMessageBuilder.ipv4(6, "10.213.1.2", "10.213.1.1", NflogMessageBuilder.tcp(sport, 22, 2));
        return new NflogPacket(2, 100, 0x0800, 1, 0, null, 1, 0, prefix, -1, -1, -1, pl);
    }

    private List<FirewallEvent> offer(DropCorrelator c, String prefix, int sport, Instant at) {
        NflogPacket p = packet(prefix, sport);
        return c.offer(mapper.map(p, at), DropCorrelator.key(p), at);
    }

    @Test
    void seenWithoutPassedIsADropAfterTheWindow() {
        DropCorrelator c = new DropCorrelator(Duration.ofMillis(500), false);
        assertTrue(offer(c, DropCorrelator.SEEN, 1000, T0).isEmpty());
        assertTrue(offer(c, DropCorrelator.SEEN, 1001, T0).isEmpty());
        assertTrue(offer(c, DropCorrelator.PASSED, 1001, T0.plusMillis(1)).isEmpty()); // allowed, not reported
        assertTrue(c.expire(T0.plusMillis(400)).isEmpty());
        List<FirewallEvent> out = c.expire(T0.plusMillis(600));
        assertEquals(1, out.size());
        assertEquals(FirewallEventType.CLASSIFY_DROP, out.get(0).type());
        assertEquals(1000, out.get(0).header().remote().port());
        assertEquals("ws_tool: dropped by the ruleset", out.get(0).rule());
        assertEquals(0, c.pendingCount());
    }

    @Test
    void allowedReportedWhenAskedAndOtherPrefixesPassThrough() {
        DropCorrelator c = new DropCorrelator(Duration.ofMillis(500), true);
        offer(c, DropCorrelator.SEEN, 2000, T0);
        List<FirewallEvent> allowed = offer(c, DropCorrelator.PASSED, 2000, T0);
        assertEquals(1, allowed.size());
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, allowed.get(0).type());
        List<FirewallEvent> other = offer(c, "my drop rule", 2001, T0);
        assertEquals(1, other.size());
        assertEquals("my drop rule", other.get(0).rule());
        offer(c, DropCorrelator.SEEN, 2002, T0);
        assertEquals(1, c.drain().size());
    }
}
