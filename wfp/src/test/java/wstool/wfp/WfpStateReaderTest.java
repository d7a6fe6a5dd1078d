package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;

/**
 * The real state dumps. The counts were taken once by hand with Python's xml.etree (an independent parser), counting
 * every {@code item} under a {@code filters} element, and the providers and subLayers items under the root; for
 * keploy's file the text after {@code </wfpstate>} parsed separately (its second root, {@code <firewallState>}).
 */
class WfpStateReaderTest {
    @TempDir
    Path dir;

    @Test
    void keployStateHasTwoRootsAndEveryFilter() throws Exception {
        WfpStateReader.State s = WfpStateReader.read(Fixtures.wfp("keploy_wfpstate.xml"));
        assertEquals(List.of("wfpstate", "firewallState"), s.roots());
        assertEquals(1254, s.filters().size());
        assertEquals(16, s.providers());
        assertEquals(45, s.subLayers());
        WfpFilter boot = s.filters().get(113578L);
        assertEquals(new WfpFilter(113578, boot.key(), "Boot Time Filter", boot.description(), "FWPM_PROVIDER_MPSSVC_WF",
                "Microsoft Corporation", "FWPM_LAYER_IPFORWARD_V4", "FWPM_SUBLAYER_MPSSVC_WF",
                "WFP Built-in MPSSVC Windows Firewall Sublayer", "FWP_ACTION_BLOCK"), boot);
        assertEquals("Boot Time Filter", boot.firewallRule());
        WfpFilter teredo = s.filters().get(66929L);
        assertEquals("Teredo socket option opt out block filter", teredo.name());
        assertEquals("Edge traversal Teredo Authorization Sublayer", teredo.subLayerName());
        assertNull(teredo.firewallRule(), "provider {f9ca425f-...} is not Windows Firewall");
        assertEquals("Microsoft Corporation", teredo.owner());
    }

    @Test
    void colortokensStateAndLibgrabberFilters() throws Exception {
        WfpStateReader.State c = WfpStateReader.read(Fixtures.wfp("colortokens_wfpstate.xml"));
        assertEquals(572, c.filters().size());
        assertEquals(9, c.providers());
        assertEquals(18, c.subLayers());
        WfpStateReader.State l = WfpStateReader.read(Fixtures.wfp("libgrabber_wfpfilters.xml"));
        assertEquals(List.of("wfpdiag"), l.roots());
        assertEquals(794, l.filters().size());
        assertEquals(14, l.providers());
        assertEquals("Filtre de démarrage", l.filters().get(66238L).name());
        assertEquals("FWP_ACTION_BLOCK", l.filters().get(66238L).action());
    }

    @Test
    void catalogNamesWhoBlockedAVerdict() throws Exception {
        WfpFilterCatalog cat = WfpFilterCatalog.read(List.of(Fixtures.wfp("keploy_wfpstate.xml")));
        EventHeader h = new EventHeader(java.time.Instant.EPOCH, Source.WFP_IMPORT, -1, null, null, 6, null, null, Map.of(), null);
        FirewallEvent drop = new FirewallEvent(h, FirewallEventType.CLASSIFY_DROP, Direction.OUT, 113578, null, 44, null, null);
        FirewallEvent d = (FirewallEvent) cat.describe(drop);
        assertEquals("Boot Time Filter", d.filterName());
        assertEquals("Windows Firewall rule \"Boot Time Filter\"", d.rule());
        assertEquals("WFP Built-in MPSSVC Windows Firewall Sublayer", d.header().raw().get("state.subLayer"));
        assertEquals("FWP_ACTION_BLOCK", d.header().raw().get("state.action"));
        FirewallEvent unknown = new FirewallEvent(h, FirewallEventType.CLASSIFY_DROP, Direction.OUT, 1, null, 44, null, null);
        assertEquals(unknown, cat.describe(unknown), "a filter the dump does not have: unchanged");
    }

    @Test
    void externalEntitiesAreRefused() throws Exception {
        Path evil = dir.resolve("evil.xml");
        Files.writeString(evil, "<?xml version=\"1.0\"?>\n<!DOCTYPE wfpstate [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<wfpstate><layers><item><filters><item><filterId>1</filterId><displayData><name>&x;</name>"
                + "</displayData></item></filters></item></layers></wfpstate>", StandardCharsets.UTF_8);
        WfpImportException e = assertThrows(WfpImportException.class, () -> WfpStateReader.read(evil));
        assertTrue(e.getMessage().startsWith("evil.xml: "), e.getMessage());
    }

    @Test
    void aFileWithoutFiltersSaysSo() throws Exception {
        WfpImportException e = assertThrows(WfpImportException.class,
                () -> WfpStateReader.read(Fixtures.wfp("quarantine_classifyDrop_netEvent_wfpdiag.xml")));
        assertTrue(e.getMessage().contains("holds no filters") || e.getMessage().contains("not netsh wfp state"), e.getMessage());
        Path events = dir.resolve("netevents.xml");
        Files.writeString(events, "<netEvents><item/></netEvents>");
        e = assertThrows(WfpImportException.class, () -> WfpStateReader.read(events));
        assertTrue(e.getMessage().contains("expected <wfpstate>"), e.getMessage());
    }

    @Test
    void importOfAStateFilterOrBareEventFileSaysWhatItIs() throws Exception {
        assertEquals(NetshXmlKind.STATE, NetshXmlKind.of(Fixtures.wfp("keploy_wfpstate.xml")));
        assertEquals(NetshXmlKind.FILTERS, NetshXmlKind.of(Fixtures.wfp("libgrabber_wfpfilters.xml")));
        assertEquals(NetshXmlKind.NET_EVENTS, NetshXmlKind.of(Fixtures.wfp("quarantine_classifyDrop_netEvent_wfpdiag.xml")));
        Path bare = dir.resolve("one.xml");
        Files.writeString(bare, "<?xml version=\"1.0\"?>\n<item><header/></item>");
        assertEquals(NetshXmlKind.BARE_EVENT, NetshXmlKind.of(bare));
        WfpImportException e = assertThrows(WfpImportException.class,
                () -> new WfpImportSource(Fixtures.wfp("keploy_wfpstate.xml")).run(ev -> true));
        assertTrue(e.getMessage().contains("--wfp-state keploy_wfpstate.xml"), e.getMessage());
        e = assertThrows(WfpImportException.class, () -> new WfpImportSource(bare).run(ev -> true));
        assertTrue(e.getMessage().contains("without the <netEvents> root"), e.getMessage());
    }
}
