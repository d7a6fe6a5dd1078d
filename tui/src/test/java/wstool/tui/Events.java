package wstool.tui;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.GeoLocation;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** Hand-made events for the view's tests. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-20T09:15:00.250Z");
    static final Enrichment CN = new Enrichment(new GeoLocation("CN", "China", "Beijing", "Beijing", 39.9, 116.4), new AutonomousSystem(4134L, "Chinanet"), new DropListing("SBL123456"), null, null);
    static final Enrichment DE = new Enrichment(new GeoLocation("DE", "Germany", "Frankfurt am Main", "Hesse", 50.1, 8.7), new AutonomousSystem(3320L, "Deutsche Telekom AG"), null, null, null);

    private Events() {}

    static EventHeader header(int i, int proto, String remote, int rport, Enrichment en) {
        return new EventHeader(T0.plusMillis(i), Source.WFP, 4000 + i, "C:\\Windows\\System32\\svchost.exe", "SYSTEM",
                proto, Endpoint.of(Addresses.parse("192.168.1.10"), 50000 + i),
                Endpoint.of(Addresses.parse(remote), rport), Map.of("layerKey", "ALE_AUTH_RECV"), en);
    }

    static FirewallEvent drop(int i, Enrichment en) {
        return new FirewallEvent(header(i, 6, "203.0.113.7", 445, en), FirewallEventType.CLASSIFY_DROP, Direction.IN,
                68812, "Block SMB inbound", 44, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", null);
    }

    static SocketEvent connect(int i, Enrichment en) {
        return new SocketEvent(header(i, 6, "93.184.216.34", 443, en), SocketOp.CONNECT, CallPhase.COMPLETE,
                Direction.OUT, 0x1234, 2, 1, -1, -1, 0, "STATUS_SUCCESS");
    }

    static SocketEvent refused(int i) {
        return new SocketEvent(header(i, 6, "93.184.216.34", 443, Enrichment.NONE), SocketOp.CONNECT, CallPhase.COMPLETE,
                Direction.OUT, 0x1234, 2, 1, -1, -1, 0xC0000236L, "STATUS_CONNECTION_REFUSED");
    }

    static DnsEvent dns(int i) {
        EventHeader h = new EventHeader(T0.plusMillis(i), Source.ETW_DNS, 7720, "curl.exe", null, -1,
                Endpoint.NONE, Endpoint.NONE, Map.of(), Enrichment.NONE);
        return new DnsEvent(h, "example.com", 1, 0, "SUCCESS", List.of("93.184.216.34"));
    }

    static NetEvent udp(int i) {
        return new FirewallEvent(header(i, 17, "8.8.8.8", 53, Enrichment.NONE), FirewallEventType.CLASSIFY_ALLOW,
                Direction.OUT, 69001, "Allow outbound", 48, "FWPM_LAYER_ALE_AUTH_CONNECT_V4", null);
    }
}
