package wstool.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import wstool.core.model.Enrichment;

class ViewFilterTest {
    @Test
    void theIssueExampleSelectsInboundTcpDropsFromChina() {
        ViewFilter f = ViewFilter.parse("proto:tcp country:CN dir:in drop");
        assertTrue(f.test(Events.drop(1, Events.CN)));
        assertFalse(f.test(Events.drop(1, Events.DE)), "other country");
        assertFalse(f.test(Events.connect(1, Events.CN)), "not a drop, outbound");
        assertFalse(f.test(Events.udp(1)), "udp");
    }

    @Test
    void sameKeyMeansAnyDifferentKeysMeanAll() {
        ViewFilter f = ViewFilter.parse("drop connect");
        assertTrue(f.test(Events.drop(1, Events.DE)));
        assertTrue(f.test(Events.connect(1, Events.DE)));
        assertFalse(f.test(Events.dns(1)));
        ViewFilter g = ViewFilter.parse("kind:connect country:de");
        assertTrue(g.test(Events.connect(1, Events.DE)));
        assertFalse(g.test(Events.connect(1, Events.CN)));
    }

    @Test
    void keysForAddressesPortsAsnPidProcessListedAndText() {
        assertTrue(ViewFilter.parse("ip:203.0.113.0/24").test(Events.drop(1, Enrichment.NONE)));
        assertTrue(ViewFilter.parse("ip:192.168.1.10").test(Events.drop(1, Enrichment.NONE)), "local address too");
        assertFalse(ViewFilter.parse("ip:10.0.0.0/8").test(Events.drop(1, Enrichment.NONE)));
        assertTrue(ViewFilter.parse("port:445").test(Events.drop(1, Enrichment.NONE)));
        assertTrue(ViewFilter.parse("asn:AS4134").test(Events.drop(1, Events.CN)));
        assertTrue(ViewFilter.parse("asn:4134").test(Events.drop(1, Events.CN)));
        assertTrue(ViewFilter.parse("pid:4001").test(Events.drop(1, Enrichment.NONE)));
        assertTrue(ViewFilter.parse("process:SVCHOST").test(Events.drop(1, Enrichment.NONE)));
        assertTrue(ViewFilter.parse("listed").test(Events.drop(1, Events.CN)));
        assertFalse(ViewFilter.parse("listed").test(Events.drop(1, Events.DE)));
        assertTrue(ViewFilter.parse("telekom").test(Events.connect(1, Events.DE)), "free text: AS org");
        assertTrue(ViewFilter.parse("example.com").test(Events.dns(1)), "free text: DNS name");
        assertFalse(ViewFilter.parse("nothing-like-this").test(Events.dns(1)));
    }

    @Test
    void mistakesGetMessagesNamingTheTerm() {
        assertEquals("unknown filter key 'colour' in 'colour:red' (keys: proto, dir, country, asn, pid, port, ip, process, kind)",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("drop colour:red")).getMessage());
        assertEquals("'proto:xyz': unknown protocol (tcp, udp, icmp, icmpv6 or a number)",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("proto:xyz")).getMessage());
        assertEquals("'dir:up': direction is in or out",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("dir:up")).getMessage());
        assertEquals("'country:China': country is a two-letter code such as CN",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("country:China")).getMessage());
        assertEquals("'port:70000': port must be 0-65535",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("port:70000")).getMessage());
        assertEquals("'pid:' needs a value after the colon",
                assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("pid:")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ViewFilter.parse("ip:1.2.3.999")).getMessage()
                .startsWith("'ip:1.2.3.999': not an address or CIDR"));
    }

    @Test
    void emptyExpressionShowsEverything() {
        assertTrue(ViewFilter.parse("   ").isAll());
        assertTrue(ViewFilter.parse(null).test(Events.dns(1)));
    }

    @Test
    void randomInputEitherParsesOrFailsWithAMessage() {
        Random r = new Random(7);
        String alphabet = "abcdinoprtuCN:/.0123456789 -_*";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(30);
            for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            try {
                ViewFilter f = ViewFilter.parse(sb.toString());
                f.test(Events.drop(1, Events.CN));
                f.test(Events.dns(1));
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "message for " + sb);
            }
        }
    }
}
