package wstool.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import wstool.core.model.Endpoint;

/** RFC 5952 text of IPv6 addresses; the expected strings are the RFC's own examples (sections 4.1-4.3). */
class AddressTextTest {
    private static String text(String literal) { return Addresses.text(Addresses.parse(literal)); }

    @Test
    void rfc5952Examples() {
        assertEquals("2001:db8::1", text("2001:0db8:0000:0000:0000:0000:0000:0001")); // 4.1 leading zeros, 4.2.1 "::"
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1")); // 4.2.2 one zero group stays
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1")); // 4.2.3 the longest run
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1")); // 4.2.3 the first of equal runs
        assertEquals("2001:db8::aaaa:0:0:1", text("2001:DB8:0:0:AAAA:0:0:1")); // 4.3 lower case
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("fe80::", text("fe80:0:0:0:0:0:0:0"));
        assertEquals("fd99::1", text("fd99:0:0:0:0:0:0:1"));
        assertEquals("192.0.2.1", text("192.0.2.1"));
        assertEquals("", Addresses.text(null));
    }

    @Test
    void scopeIsKept() throws Exception {
        InetAddress a = Inet6Address.getByAddress(null, Addresses.parse("fe80::1").getAddress(), 3);
        assertEquals("fe80::1%3", Addresses.text(a));
    }

    @Test
    void endpointsAndPrefixesUseIt() {
        assertEquals("[::1]:9097", new Endpoint(Addresses.parse("::1"), 9097).toString());
        assertEquals("2001:c00::/23", Cidr.parse("2001:c00:0:0:0:0:0:0/23").toString());
        assertEquals("2001:db8::10", new Endpoint(Addresses.parse("2001:db8:0:0:0:0:0:10"), -1).addressText());
    }
}
