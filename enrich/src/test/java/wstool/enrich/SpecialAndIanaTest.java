package wstool.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import wstool.core.net.Addresses;

class SpecialAndIanaTest {
    private static String special(String a) {
        return SpecialRanges.iana().lookup(Addresses.parse(a)).special();
    }

    @Test
    void specialPurposeClasses() {
        assertEquals("private", special("10.1.2.3"));
        assertEquals("private", special("172.31.255.255"));
        assertEquals("private", special("192.168.1.1"));
        assertEquals("loopback", special("127.0.0.1"));
        assertEquals("loopback", special("::1"));
        assertEquals("link-local", special("169.254.10.1"));
        assertEquals("link-local", special("fe80::1"));
        assertEquals("multicast", special("239.255.255.250"));
        assertEquals("multicast", special("ff02::fb"));
        assertEquals("cgnat", special("100.127.255.255"));
        assertEquals("documentation", special("192.0.2.1"));
        assertEquals("documentation", special("2001:db8::1"));
        assertEquals("benchmarking", special("198.19.0.1"));
        assertEquals("teredo", special("2001:0:4136:e378::1"));
        assertEquals("6to4", special("2002:c000:0204::1"));
        assertEquals("ula", special("fd12:3456::1"));
        assertEquals("unspecified", special("0.0.0.0"));
        assertEquals("this-network", special("0.1.2.3"));
        assertEquals("broadcast", special("255.255.255.255"));
        assertEquals("reserved", special("250.1.1.1"));
        assertEquals("private", special("::ffff:10.0.0.1"), "mapped addresses are classed as IPv4");
        assertNull(special("8.8.8.8"));
        assertNull(special("100.128.0.1"));
        assertNull(special("2a00:1450::1"));
    }

    @Test
    void ianaAllocations() {
        IanaAllocations iana = IanaAllocations.iana();
        assertEquals("APNIC", iana.lookup(Addresses.parse("1.1.1.1")).holder());
        assertEquals("RIPE NCC", iana.lookup(Addresses.parse("81.2.69.142")).holder());
        assertEquals("ARIN", iana.lookup(Addresses.parse("8.8.8.8")).holder());
        assertEquals("LACNIC", iana.lookup(Addresses.parse("200.1.1.1")).holder());
        assertEquals("AFRINIC", iana.lookup(Addresses.parse("41.1.1.1")).holder());
        assertEquals("8.0.0.0/8", iana.lookup(Addresses.parse("8.8.8.8")).block().toString());
        assertEquals("ARIN", iana.lookup(Addresses.parse("2600:1f00::1")).holder());
        assertEquals("RIPE NCC", iana.lookup(Addresses.parse("2a00:1450::1")).holder());
        assertEquals("APNIC", iana.lookup(Addresses.parse("2001:8000::1")).holder());
        assertNull(iana.lookup(Addresses.parse("3000::1")));
        for (int i = 0; i < 256; i++) {
            assertEquals(8, iana.lookup(Addresses.parse(i + ".1.2.3")).block().prefixLength(), "every /8 is listed: " + i);
        }
    }
}
