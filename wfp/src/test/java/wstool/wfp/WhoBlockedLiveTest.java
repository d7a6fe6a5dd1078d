package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;

/**
 * "Who blocked it" live: FwpmFilterGetById0, then FwpmProviderGetByKey0 and FwpmSubLayerGetByKey0 by the keys the
 * FWPM_FILTER0 holds, through the fake fwpuclnt (SDK offsets, freed memory poisoned), compared with what the offline
 * --wfp-state path makes of the same filter in a real dump.
 */
class WhoBlockedLiveTest {
    static final String MPSSVC_WF = "{decc16ca-3f33-4346-be1e-8fb4ae0f3d62}";
    /** FWPM_LAYER_IPFORWARD_V4, fwpmu.h DEFINE_GUID (a82acc24-4ee1-4ee1-b465-fd1d25cb10a4). */
    static final String IPFORWARD_V4 = "{a82acc24-4ee1-4ee1-b465-fd1d25cb10a4}";
    static final String SUBLAYER = "{b3cdd441-af90-41ba-a745-7c6008ff2301}";
    static final String VPN = "{11111111-2222-3333-4455-66778899aabb}";

    final FakeFwpuclnt fake = new FakeFwpuclnt();
    final AtomicLong clock = new AtomicLong();
    final WindowsNames names = new WindowsNames(fake, fake.engine, new wstool.win32.DevicePaths(Map::of, clock::get,
            Duration.ofSeconds(60)), sid -> null, clock::get, Duration.ofSeconds(60));

    @Test
    void filterProviderSubLayerInOrderEachFreedAndCached() {
        fake.filters.put(29L, new FakeFwpuclnt.Filter("{935b7f48-0ede-44dd-9bc2-e00bb635cda3}", "Block SMB out",
                "a rule", MPSSVC_WF, IPFORWARD_V4, SUBLAYER, 0x1001));
        fake.filters.put(30L, new FakeFwpuclnt.Filter("{935b7f48-0ede-44dd-9bc2-e00bb635cda4}", "Allow DNS", null,
                MPSSVC_WF, IPFORWARD_V4, SUBLAYER, 0x1002));
        fake.providers.put(MPSSVC_WF, "Microsoft Corporation");
        fake.subLayers.put(SUBLAYER, "WFP Built-in MPSSVC Windows Firewall Sublayer");

        WfpFilter f = names.filter(29);
        assertEquals(new WfpFilter(29, "{935b7f48-0ede-44dd-9bc2-e00bb635cda3}", "Block SMB out", "a rule", MPSSVC_WF,
                "Microsoft Corporation", IPFORWARD_V4, SUBLAYER, "WFP Built-in MPSSVC Windows Firewall Sublayer",
                "FWP_ACTION_BLOCK"), f);
        assertEquals("Block SMB out", f.firewallRule());
        assertEquals("Block SMB out", names.filterName(29)); // one look-up serves both
        assertEquals(List.of("FwpmFilterGetById0(29)", "FwpmFreeMemory0", "FwpmProviderGetByKey0(" + MPSSVC_WF + ")",
                "FwpmFreeMemory0", "FwpmSubLayerGetByKey0(" + SUBLAYER + ")", "FwpmFreeMemory0"), fake.lookupCalls);

        WfpFilter permit = names.filter(30);
        assertEquals("FWP_ACTION_PERMIT", permit.action());
        assertEquals("Microsoft Corporation", permit.providerName());
        assertEquals(1, fake.providerLookups.get(), "provider looked up again for a filter of the same provider");
        assertEquals(1, fake.subLayerLookups.get());
        assertEquals(2, fake.filterLookups.get());
        assertTrue(fake.outstanding.isEmpty(), "not freed: " + fake.outstanding.size());

        clock.addAndGet(Duration.ofSeconds(61).toNanos()); // expired: asked again (a product may have renamed itself)
        fake.providers.put(MPSSVC_WF, "Microsoft");
        assertEquals("Microsoft", names.filter(29).providerName());
    }

    @Test
    void goneProviderKeepsItsKeyAndNotFoundIsNotFreed() {
        fake.filters.put(7L, new FakeFwpuclnt.Filter(VPN, "Kill switch", null, VPN, IPFORWARD_V4, SUBLAYER, 0x5003));
        WfpFilter f = names.filter(7); // provider and sublayer both gone: FWP_E_PROVIDER/SUBLAYER_NOT_FOUND
        assertEquals(VPN, f.providerKey());
        assertNull(f.providerName());
        assertNull(f.subLayerName());
        assertEquals(SUBLAYER, f.subLayerKey());
        assertEquals("FWP_ACTION_CALLOUT_TERMINATING", f.action());
        assertEquals(VPN, f.owner(), "who blocked it falls back to the provider key");
        assertEquals(List.of("FwpmFilterGetById0(7)", "FwpmFreeMemory0", "FwpmProviderGetByKey0(" + VPN + ")",
                "FwpmSubLayerGetByKey0(" + SUBLAYER + ")"), fake.lookupCalls, "freed what was never returned");

        assertNull(names.filter(8)); // FWP_E_FILTER_NOT_FOUND: a miss, cached
        assertNull(names.filter(8));
        assertEquals(2, fake.filterLookups.get());
        assertTrue(fake.outstanding.isEmpty());
    }

    @Test
    void filterWithoutProviderAsksForNoProvider() {
        fake.filters.put(5L, new FakeFwpuclnt.Filter(VPN, "Plain", null, null, IPFORWARD_V4, SUBLAYER, 0x1001));
        fake.subLayers.put(SUBLAYER, "S");
        WfpFilter f = names.filter(5);
        assertNull(f.providerKey());
        assertNull(f.owner());
        assertEquals(0, fake.providerLookups.get());
    }

    /**
     * A real filter (colortokens dump, filter 29: a Windows Firewall boot-time block) read offline and, loaded into the
     * fake engine as it would be on that machine, looked up live: the same WfpFilter (but for the layer key, which
     * netsh writes by name and the API gives as a GUID) and the same state.* fields and rule on the verdict.
     */
    @Test
    void liveLookUpDescribesAVerdictAsTheOfflineStateDumpDoes() throws Exception {
        WfpFilter offline = WfpStateReader.read(Fixtures.wfp("colortokens_wfpstate.xml")).filters().get(29L);
        assertEquals(MPSSVC_WF, offline.providerKey());
        fake.filters.put(29L, new FakeFwpuclnt.Filter(offline.key(), offline.name(), offline.description(),
                offline.providerKey(), IPFORWARD_V4, offline.subLayerKey(), 0x1001));
        fake.providers.put(offline.providerKey(), offline.providerName());
        fake.subLayers.put(offline.subLayerKey(), offline.subLayerName());

        WfpFilter live = names.filter(29);
        assertEquals(new WfpFilter(offline.id(), offline.key(), offline.name(), offline.description(),
                offline.providerKey(), offline.providerName(), IPFORWARD_V4, offline.subLayerKey(),
                offline.subLayerName(), offline.action()), live);

        WfpEventData d = new WfpEventData();
        d.timestamp = Instant.parse("2026-11-22T00:00:01Z");
        d.type = FirewallEventType.CLASSIFY_DROP;
        d.filterId = 29;
        d.remoteAddr = InetAddress.getByName("192.0.2.1");
        FirewallEvent liveEvent = d.toEvent(Source.WFP, names);
        FirewallEvent offlineEvent = (FirewallEvent) WfpFilterCatalog.of(List.of(WfpStateReader.read(
                Fixtures.wfp("colortokens_wfpstate.xml")))).describe(d.toEvent(Source.WFP, NameResolver.NONE));
        assertEquals("Windows Firewall rule \"" + offline.name() + "\"", liveEvent.rule());
        assertEquals(offlineEvent.rule(), liveEvent.rule());
        assertEquals(offlineEvent.filterName(), liveEvent.filterName());
        Map<String, String> liveState = state(liveEvent), offlineState = state(offlineEvent);
        assertEquals(IPFORWARD_V4, liveState.remove("state.layerKey"));
        assertEquals("FWPM_LAYER_IPFORWARD_V4", offlineState.remove("state.layerKey"));
        assertEquals(offlineState, liveState);
        assertEquals(offline.name(), liveState.get("state.firewallRule"));
    }

    private static Map<String, String> state(FirewallEvent e) {
        Map<String, String> m = new LinkedHashMap<>();
        e.header().raw().forEach((k, v) -> { if (k.startsWith("state.")) m.put(k, v); });
        return m;
    }
}
