package wstool.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wstool.core.Events;

class EventFilterTest {
    private final Samples v4 = new Samples();

    private static final class Samples {
        final wstool.core.model.NetEvent chrome = Events.connect(100, "C:\\Apps\\Chrome.exe", "8.8.8.8", 443);
        final wstool.core.model.NetEvent v6 = Events.connect(200, "curl.exe", "2001:4860:4860::8888", 443);
        final wstool.core.model.NetEvent drop = Events.drop("203.0.113.5", 50000, 22);
        final wstool.core.model.NetEvent dns = Events.dns(100, "example.com");
    }

    @Test
    void emptyFilterMatchesEverything() {
        EventFilter f = EventFilter.all();
        assertTrue(f.test(v4.chrome) && f.test(v4.v6) && f.test(v4.drop) && f.test(v4.dns));
    }

    @Test
    void programIncludesByNameOrPathAnyCase() {
        EventFilter chrome = EventFilter.builder().program("chrome.EXE").build();
        assertTrue(chrome.test(v4.chrome));
        assertFalse(chrome.test(v4.v6));
        assertFalse(chrome.test(v4.drop), "events without a program do not match --program");
        assertTrue(EventFilter.builder().program("c:\\apps\\chrome.exe").build().test(v4.chrome));
        assertTrue(EventFilter.builder().program("curl.exe").program("chrome.exe").build().test(v4.v6));
    }

    @Test
    void pidAndIpVersion() {
        EventFilter byPid = EventFilter.builder().pid(100).build();
        assertTrue(byPid.test(v4.chrome));
        assertTrue(byPid.test(v4.dns));
        assertFalse(byPid.test(v4.v6));
        EventFilter only6 = EventFilter.builder().ipVersion(6).build();
        assertTrue(only6.test(v4.v6));
        assertFalse(only6.test(v4.chrome));
        assertTrue(only6.test(v4.dns), "events without addresses are not removed by -6");
        assertFalse(EventFilter.builder().ipVersion(4).build().test(v4.v6));
    }

    @Test
    void excludeByProgramNameOrPathCaseInsensitiveAndByCidr() {
        assertFalse(EventFilter.builder().exclude("chrome.exe").build().test(v4.chrome));
        assertFalse(EventFilter.builder().exclude("c:\\apps\\chrome.exe").build().test(v4.chrome));
        assertTrue(EventFilter.builder().exclude("chrome").build().test(v4.chrome), "whole names only");
        assertFalse(EventFilter.builder().exclude("8.8.0.0/16").build().test(v4.chrome));
        assertFalse(EventFilter.builder().exclude("2001:4860::/32").build().test(v4.v6));
        assertFalse(EventFilter.builder().exclude("192.168.1.10").build().test(v4.drop), "local addresses count too");
        assertTrue(EventFilter.builder().exclude("9.9.9.9").build().test(v4.chrome));
    }

    @Test
    void typeProtocolAndDirection() {
        assertTrue(EventFilter.builder().type("drop").build().test(v4.drop));
        assertTrue(EventFilter.builder().type("firewall").build().test(v4.drop));
        assertTrue(EventFilter.builder().type("CLASSIFY_DROP").build().test(v4.drop));
        assertFalse(EventFilter.builder().type("allow").build().test(v4.drop));
        assertTrue(EventFilter.builder().type("connect").type("dns").build().test(v4.dns));
        assertTrue(EventFilter.builder().protocol("tcp").build().test(v4.chrome));
        assertFalse(EventFilter.builder().protocol("udp").build().test(v4.chrome));
        assertTrue(EventFilter.builder().direction("in").build().test(v4.drop));
        assertFalse(EventFilter.builder().direction("out").build().test(v4.drop));
    }

    @Test
    void badValuesNameTheProblem() {
        assertEquals("unknown IP protocol 'tpc' (use tcp, udp, icmp, icmpv6 or 0-255)",
                assertThrows(IllegalArgumentException.class, () -> EventFilter.builder().protocol("tpc")).getMessage());
        assertEquals("prefix length 33 out of range 0-32",
                assertThrows(IllegalArgumentException.class, () -> EventFilter.builder().exclude("10.0.0.0/33")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventFilter.builder().direction("sideways"));
    }
}
