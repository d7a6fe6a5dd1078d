package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** The two real netEvent elements from Microsoft's documentation (fixtures/wfp), every field asserted. */
class RealFixturesImportTest {
    static final String DROP = "quarantine_classifyDrop_netEvent_wfpdiag.xml";
    static final String ALLOW = "uwp_case1_classifyAllow_netEvent_wfpdiag.xml";

    @Test
    void quarantineClassifyDrop() throws Exception {
        List<FirewallEvent> events = ImportTestSupport.readAll(Fixtures.wfp(DROP));
        assertEquals(1, events.size());
        FirewallEvent e = events.get(0);
        EventHeader h = e.header();
        assertEquals(Instant.parse("2020-10-07T01:03:56.281Z"), h.timestamp());
        assertEquals(Source.WFP_IMPORT, h.source());
        assertEquals(EventHeader.UNKNOWN_PID, h.pid());
        // appId: the data hex decodes to "\dem32\svchost.exe" while asString shows the full volume path. The data
        // bytes are what the kernel reported (asString is a lossy rendering of them), so data is used; the page's
        // splice shows up as a recorded mismatch instead of being silently papered over.
        assertEquals("\\dem32\\svchost.exe", h.process());
        assertEquals("asString reads '\\device\\harddiskvolume1\\windows\\system32\\svchost.exe'", h.raw().get("appId.mismatch"));
        assertEquals("NT AUTHORITY\\LOCAL SERVICE", h.user()); // S-1-5-19 is the same on every machine
        assertEquals(17, h.ipProtocol());
        assertEquals(Addresses.parse("255.255.255.255"), h.local().address());
        assertEquals(21, h.local().port());
        assertEquals(Addresses.parse("10.195.33.252"), h.remote().address());
        assertEquals(61706, h.remote().port());
        assertEquals(FirewallEventType.CLASSIFY_DROP, e.type());
        assertEquals(Direction.IN, e.direction()); // layer 44 = ALE_AUTH_RECV_ACCEPT_V4 although msFwpDirection says OUT
        assertEquals(66241L, e.filterId());
        assertNull(e.filterName()); // a bare netEvent carries no initialState
        assertEquals(44, e.layerId());
        assertNull(e.layerName());
        assertEquals("Quarantine Default", e.rule());

        Map<String, String> raw = h.raw();
        assertEquals(String.join("|", "FWPM_NET_EVENT_FLAG_IP_PROTOCOL_SET", "FWPM_NET_EVENT_FLAG_LOCAL_ADDR_SET",
                "FWPM_NET_EVENT_FLAG_REMOTE_ADDR_SET", "FWPM_NET_EVENT_FLAG_LOCAL_PORT_SET",
                "FWPM_NET_EVENT_FLAG_REMOTE_PORT_SET", "FWPM_NET_EVENT_FLAG_APP_ID_SET", "FWPM_NET_EVENT_FLAG_USER_ID_SET",
                "FWPM_NET_EVENT_FLAG_IP_VERSION_SET", "FWPM_NET_EVENT_FLAG_PACKAGE_ID_SET"), raw.get("header.flags"));
        assertEquals("FWP_IP_VERSION_V4", raw.get("header.ipVersion"));
        assertEquals("0", raw.get("header.scopeId"));
        assertEquals("S-1-5-19", raw.get("header.userId"));
        assertEquals("FWP_AF_INET", raw.get("header.addressFamily"));
        assertEquals("S-1-0-0", raw.get("header.packageSid"));
        assertEquals("0", raw.get("header.policyFlags"));
        assertEquals("5c00640065006d00330032005c0073007600630068006f00730074002e006500780065000000", raw.get("header.appId.data"));
        assertEquals("FWPM_NET_EVENT_TYPE_CLASSIFY_DROP", raw.get("type"));
        assertEquals("66241", raw.get("classifyDrop.filterId"));
        assertEquals("44", raw.get("classifyDrop.layerId"));
        assertEquals("0", raw.get("classifyDrop.reauthReason"));
        assertEquals("0", raw.get("classifyDrop.originalProfile"));
        assertEquals("0", raw.get("classifyDrop.currentProfile"));
        assertEquals("MS_FWP_DIRECTION_OUT", raw.get("classifyDrop.msFwpDirection"));
        assertEquals("false", raw.get("classifyDrop.isLoopback"));
        assertEquals("0", raw.get("classifyDrop.vSwitchSourcePort"));
        assertEquals("0", raw.get("classifyDrop.vSwitchDestinationPort"));
        assertEquals("FWPM_NET_EVENT_INTERNAL_FLAG_FILTER_ORIGIN_SET", raw.get("internalFields.internalFlags"));
        assertEquals("0", raw.get("internalFields.fqbnVersion"));
        assertEquals("66241", raw.get("internalFields.terminatingFiltersInfo[0].filterId"));
        assertEquals("FWPP_SUBLAYER_INTERNAL_FIREWALL_QUARANTINE", raw.get("internalFields.terminatingFiltersInfo[0].subLayer"));
        assertEquals("FWP_ACTION_BLOCK", raw.get("internalFields.terminatingFiltersInfo[0].actionType"));
        assertEquals("74045", raw.get("internalFields.terminatingFiltersInfo[1].filterId"));
        assertEquals("FWPP_SUBLAYER_INTERNAL_FIREWALL_WSH", raw.get("internalFields.terminatingFiltersInfo[1].subLayer"));
        assertEquals("73602", raw.get("internalFields.terminatingFiltersInfo[2].filterId"));
        assertEquals("FWPP_SUBLAYER_INTERNAL_FIREWALL_WF", raw.get("internalFields.terminatingFiltersInfo[2].subLayer"));
        assertEquals("FWP_ACTION_BLOCK", raw.get("internalFields.terminatingFiltersInfo[2].actionType"));
        assertEquals("Quarantine Default", raw.get("internalFields.filterOrigin"));
        assertEquals("5", raw.get("internalFields.interfaceIndex"));
    }

    @Test
    void uwpClassifyAllowIpv6() throws Exception {
        List<FirewallEvent> events = ImportTestSupport.readAll(Fixtures.wfp(ALLOW));
        assertEquals(1, events.size());
        FirewallEvent e = events.get(0);
        EventHeader h = e.header();
        assertEquals(Instant.parse("2020-05-21T17:25:59.070Z"), h.timestamp());
        assertEquals(Source.WFP_IMPORT, h.source());
        assertEquals(EventHeader.UNKNOWN_PID, h.pid());
        assertEquals("\\device\\harddiskvolume1\\program files\\windowsapps\\af692bff-6779-424f-870e-f6e59c502349"
                + "_1.1.10.0_x64__5c037jar5839r\\uwpsocketclient.exe", h.process());
        assertEquals("uwpsocketclient.exe", h.processName());
        assertEquals("S-1-5-21-2993214446-1947230185-131795049-1000", h.user()); // no lookup offline
        assertEquals(6, h.ipProtocol());
        assertEquals(Addresses.parse("2001:4898:30:3:256c:e5ba:12f3:beb1"), h.local().address());
        assertEquals(52127, h.local().port());
        assertEquals(Addresses.parse("2620:1ec:c11::200"), h.remote().address());
        assertEquals(443, h.remote().port());
        assertEquals(FirewallEventType.CLASSIFY_ALLOW, e.type());
        // classifyAllow in this capture has no msFwpDirection; layer 50 is ALE_AUTH_CONNECT_V6 (outbound)
        assertEquals(Direction.OUT, e.direction());
        assertEquals(125918L, e.filterId());
        assertNull(e.filterName());
        assertEquals(50, e.layerId());
        assertNull(e.layerName());
        assertNull(e.rule());

        Map<String, String> raw = h.raw();
        assertEquals("FWP_IP_VERSION_V6", raw.get("header.ipVersion"));
        assertEquals("2001:4898:30:3:256c:e5ba:12f3:beb1", raw.get("header.localAddrV6.byteArray16"));
        assertEquals("2620:1ec:c11::200", raw.get("header.remoteAddrV6.byteArray16"));
        assertEquals("FWP_AF_INET6", raw.get("header.addressFamily"));
        assertEquals("S-1-15-2-4163697451-3176919390-1155390458-2883473650-3020241727-522149888-4067122936", raw.get("header.packageSid"));
        assertEquals("FWPM_NET_EVENT_TYPE_CLASSIFY_ALLOW", raw.get("type"));
        assertEquals("0", raw.get("classifyAllow.reauthReason"));
        assertEquals("1", raw.get("classifyAllow.originalProfile"));
        assertEquals("1", raw.get("classifyAllow.currentProfile"));
        assertEquals("0000000000000000", raw.get("internalFields.remoteAddrBitmap"));
        assertEquals("FWP_CAPABILITIES_FLAG_INTERNET_CLIENT|FWP_CAPABILITIES_FLAG_INTERNET_CLIENT_SERVER"
                + "|FWP_CAPABILITIES_FLAG_PRIVATE_NETWORK", raw.get("internalFields.capabilities"));
        assertEquals("125918", raw.get("internalFields.terminatingFiltersInfo[0].filterId"));
        assertEquals("FWP_ACTION_PERMIT", raw.get("internalFields.terminatingFiltersInfo[0].actionType"));
        assertEquals("121167", raw.get("internalFields.terminatingFiltersInfo[1].filterId"));
        assertEquals("FWPP_SUBLAYER_INTERNAL_FIREWALL_WF", raw.get("internalFields.terminatingFiltersInfo[1].subLayer"));
        // the page escaped the backslashes of asString ("\\."), so it no longer lines up with the bytes: data wins
        assertEquals(true, raw.get("appId.mismatch").startsWith("asString reads '\\......."));
    }
}
