package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.net.Addresses;

/** Synthetic netevents.xml / wfpdiag.xml built from the element names netsh writes; hostile and broken input. */
class NetshXmlReaderTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = NetshXmlReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void neteventsXmlEveryType() throws Exception {
        List<FirewallEvent> ev = ImportTestSupport.readAll(resource("netevents.xml"));
        assertEquals(5, ev.size());

        FirewallEvent drop6 = ev.get(0);
        assertEquals(FirewallEventType.CLASSIFY_DROP, drop6.type());
        assertEquals(Instant.parse("2026-11-20T10:00:00.125Z"), drop6.header().timestamp());
        assertEquals(Direction.IN, drop6.direction()); // msFwpDirection 0x3900
        assertEquals(58, drop6.header().ipProtocol());
        assertEquals(Addresses.parse("fe80::1"), drop6.header().local().address());
        assertEquals(135, drop6.header().local().port());
        assertEquals(Addresses.parse("2001:db8::53"), drop6.header().remote().address());
        assertEquals(0, drop6.header().remote().port());
        assertEquals("System", drop6.header().process());
        assertNull(drop6.header().user()); // USER_ID flag not set: the userId element is ignored
        assertEquals(70001L, drop6.filterId());
        assertEquals(46, drop6.layerId());

        // out-of-order timestamps are kept as they are
        FirewallEvent ike = ev.get(1);
        assertEquals(FirewallEventType.IKEEXT_MM_FAILURE, ike.type());
        assertEquals(Instant.parse("2026-11-20T09:59:59.5Z"), ike.header().timestamp());
        assertEquals(-1, ike.header().ipProtocol()); // flag unset
        assertNull(ike.header().local().address()); // flag unset
        assertEquals(-1, ike.header().local().port());
        assertEquals(Addresses.parse("198.51.100.7"), ike.header().remote().address());
        assertEquals(-1, ike.header().remote().port());
        assertEquals(81234L, ike.filterId());
        assertEquals(-1, ike.layerId());
        assertEquals("failureErrorCode 13801, failurePoint IPSEC_FAILURE_ME", ike.rule());
        assertEquals("IKEEXT_CERTIFICATE", ike.header().raw().get("ikeMmFailure.mmAuthMethod"));

        FirewallEvent cap = ev.get(2);
        assertEquals(FirewallEventType.CAPABILITY_DROP, cap.type());
        assertEquals(90001L, cap.filterId());
        assertEquals("FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT", cap.rule());
        assertEquals(443, cap.header().remote().port());
        assertEquals(Direction.UNKNOWN, cap.direction());

        FirewallEvent ipsec = ev.get(3);
        assertEquals(FirewallEventType.IPSEC_KERNEL_DROP, ipsec.type());
        assertEquals(Direction.IN, ipsec.direction());
        assertEquals(81300L, ipsec.filterId());
        assertEquals(11, ipsec.layerId());
        assertEquals("failureStatus -1071800316", ipsec.rule());
        assertEquals("305419896", ipsec.header().raw().get("ipsecDrop.spi"));

        FirewallEvent allow = ev.get(4);
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, allow.type());
        assertEquals(Direction.OUT, allow.direction());
        assertEquals(-1, allow.header().local().port()); // LOCAL_PORT flag unset
        assertEquals(80, allow.header().remote().port());
        assertEquals(70100L, allow.filterId());
        assertEquals(48, allow.layerId());
    }

    @Test
    void wfpdiagNamesFromInitialState() throws Exception {
        List<FirewallEvent> ev = ImportTestSupport.readAll(resource("wfpdiag.xml"));
        assertEquals(2, ev.size());
        FirewallEvent telnet = ev.get(0);
        assertEquals(71234L, telnet.filterId());
        assertEquals("Block Telnet out", telnet.filterName());
        assertEquals("ALE Connect v4 Layer", telnet.layerName());
        assertEquals(Direction.OUT, telnet.direction());
        assertEquals(23, telnet.header().remote().port());
        assertEquals("\\device", telnet.header().process());
        assertEquals("true", telnet.header().raw().get("classifyDrop.isLoopback"));
        FirewallEvent in6 = ev.get(1);
        assertEquals("Default Inbound v6 & block", in6.filterName());
        assertEquals("ALE Receive/Accept v6 Layer", in6.layerName());
        assertEquals(Direction.IN, in6.direction());
        assertEquals(Addresses.parse("2001:db8::99"), in6.header().remote().address());
    }

    @Test
    void importSourceIsOfflineAndEmitsAll(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wfpdiag.xml");
        Files.writeString(f, resource("wfpdiag.xml"));
        WfpImportSource src = new WfpImportSource(f);
        assertFalse(src.live());
        List<NetEvent> got = new ArrayList<>();
        src.run(e -> got.add(e));
        assertEquals(2, got.size());
    }

    @Test
    void asStringUsedWhenDataUnreadable() throws Exception {
        String xml = one("<appId><data>zz</data><asString>\\.d.e.v.i.c.e.\\.x...e.x.e...</asString></appId>",
                "FWPM_NET_EVENT_FLAG_APP_ID_SET");
        assertEquals("\\device\\x.exe", ImportTestSupport.readAll(xml).get(0).header().process());
    }

    @Test
    void externalEntityRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE netEvents [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<netEvents><item><header><timeStamp>&xxe;</timeStamp></header></item></netEvents>";
        WfpImportException e = assertThrows(WfpImportException.class, () -> ImportTestSupport.readAll(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void billionLaughsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            sb.append("\">");
        }
        sb.append("]><netEvents><item><type>&lol9;</type></item></netEvents>");
        WfpImportException e = assertThrows(WfpImportException.class, () -> ImportTestSupport.readAll(sb.toString()));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void truncatedFileEmitsCompleteEventsThenFails() throws Exception {
        String full = resource("netevents.xml");
        int cut = full.indexOf("<item>", full.indexOf("FWPM_NET_EVENT_TYPE_IKEEXT_MM_FAILURE")) + 200;
        byte[] truncated = full.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        List<FirewallEvent> out = new ArrayList<>();
        WfpImportException e = assertThrows(WfpImportException.class,
                () -> ImportTestSupport.readAll(new ByteArrayInputStream(truncated), "cut.xml", out));
        assertEquals(2, out.size());
        assertTrue(e.getMessage().startsWith("cut.xml: truncated or malformed XML at line "), e.getMessage());
    }

    @Test
    void invalidEncodingNamed() {
        byte[] bad = "<netEvents><item><header><timeStamp>2026\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        WfpImportException e = assertThrows(WfpImportException.class,
                () -> ImportTestSupport.readAll(new ByteArrayInputStream(bad), "latin1.xml", new ArrayList<>()));
        assertEquals("latin1.xml: not UTF-8 or UTF-16 text: invalid byte sequence within the first 41 bytes", e.getMessage()); // the bad byte is the 41st
    }

    @Test
    void utf16WithByteOrderMark() throws Exception {
        byte[] utf16 = ("\ufeff" + resource("wfpdiag.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""))
                .getBytes(StandardCharsets.UTF_16LE);
        List<FirewallEvent> ev = ImportTestSupport.readAll(new ByteArrayInputStream(utf16), "u16.xml", new ArrayList<>());
        assertEquals(2, ev.size());
        assertEquals("Block Telnet out", ev.get(0).filterName());
    }

    @Test
    void stopEndsImportEarly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("netevents.xml");
        Files.writeString(f, resource("netevents.xml"));
        WfpImportSource src = new WfpImportSource(f);
        List<NetEvent> got = new ArrayList<>();
        src.run(e -> { got.add(e); src.stop(); return true; });
        assertEquals(1, got.size());
    }

    @Test
    void badFieldsNamed() {
        WfpImportException e = assertThrows(WfpImportException.class, () -> ImportTestSupport.readAll(
                one("<localPort>70000</localPort>", "FWPM_NET_EVENT_FLAG_LOCAL_PORT_SET")));
        assertTrue(e.getMessage().contains("<localPort> out of range: 70000"), e.getMessage());
        e = assertThrows(WfpImportException.class, () -> ImportTestSupport.readAll(
                one("<remoteAddrV4>10.0.0.300</remoteAddrV4>", "FWPM_NET_EVENT_FLAG_REMOTE_ADDR_SET")));
        assertTrue(e.getMessage().contains("line 1: <remoteAddrV4> is not an IP address"), e.getMessage());
        e = assertThrows(WfpImportException.class, () -> ImportTestSupport.readAll(
                "<netEvents><item><header><timeStamp>2026-01-01T00:00:00Z</timeStamp></header><type>FWPM_NET_EVENT_TYPE_BOGUS</type></item></netEvents>"));
        assertTrue(e.getMessage().contains("unknown net event type 'FWPM_NET_EVENT_TYPE_BOGUS'"), e.getMessage());
    }

    /** Seeded random byte mutations: every outcome is events or a WfpImportException, never anything else. */
    @Test
    void fuzzMutations() throws Exception {
        byte[] base = resource("wfpdiag.xml").getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(20261121);
        for (int i = 0; i < 500; i++) {
            byte[] m = base.clone();
            int edits = 1 + rnd.nextInt(8);
            for (int k = 0; k < edits; k++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextBoolean()) m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
            try {
                ImportTestSupport.readAll(new ByteArrayInputStream(m), "fuzz.xml", new ArrayList<>());
            } catch (WfpImportException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz.xml"), expected.getMessage());
            }
        }
    }

    private static String one(String headerField, String flag) {
        return "<netEvents><item><header><timeStamp>2026-01-01T00:00:00Z</timeStamp><flags><item>" + flag
                + "</item></flags>" + headerField + "</header><type>FWPM_NET_EVENT_TYPE_CLASSIFY_DROP</type></item></netEvents>";
    }
}
