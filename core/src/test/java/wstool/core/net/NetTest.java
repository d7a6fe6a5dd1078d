package wstool.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetTest {
    @Test
    void cidrContainsAndNormalises() {
        Cidr c = Cidr.parse("10.1.2.3/8");
        assertEquals("10.0.0.0/8", c.toString());
        assertTrue(c.contains(Addresses.parse("10.255.0.1")));
        assertFalse(c.contains(Addresses.parse("11.0.0.1")));
        assertTrue(c.contains(Addresses.parse("::ffff:10.9.9.9")), "IPv4-mapped IPv6 matches the IPv4 prefix");
        Cidr v6 = Cidr.parse("2001:db8::/33");
        assertTrue(v6.contains(Addresses.parse("2001:db8:7fff::1")));
        assertFalse(v6.contains(Addresses.parse("2001:db8:8000::1")));
        assertFalse(v6.contains(Addresses.parse("10.0.0.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Addresses.parse("1.2.3.4")));
    }

    @Test
    void addressParsingNeverResolvesNames() {
        assertThrows(IllegalArgumentException.class, () -> Addresses.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Addresses.parse("256.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> Addresses.parse("example.com"));
        assertEquals("0:0:0:0:0:0:0:1", Addresses.parse("[::1]").getHostAddress());
        assertEquals("1.2.3.4", Addresses.ipv4(0x01020304).getHostAddress());
    }

    @Test
    void ianaServicesAndProtocols() {
        assertEquals("https", Services.iana().name(443, IpProtocols.TCP));
        assertEquals("domain", Services.iana().name(53, IpProtocols.UDP));
        assertEquals("ms-wbt-server", Services.iana().name(3389, IpProtocols.TCP));
        assertNull(Services.iana().name(443, IpProtocols.ICMP));
        assertTrue(Services.iana().byName("ssh").stream().anyMatch(s -> s.port() == 22));
        assertEquals(58, IpProtocols.parse("ICMPv6"));
        assertEquals("TCP", IpProtocols.name(6));
    }
}
