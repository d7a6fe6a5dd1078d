package wstool.core;

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
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** Event builders for tests (shared with other modules through the core test-jar). */
public final class Events {
    public static final Instant T0 = Instant.parse("2026-11-20T09:15:00.123456789Z");

    private Events() {}

    public static Endpoint ep(String address, int port) { return Endpoint.of(Addresses.parse(address), port); }

    public static EventHeader header(long pid, String process, int proto, Endpoint local, Endpoint remote) {
        return new EventHeader(T0, Source.SYNTHETIC, pid, process, null, proto, local, remote, Map.of(), Enrichment.NONE);
    }

    public static FirewallEvent drop(String remote, int remotePort, int localPort) {
        return new FirewallEvent(header(4, "System", 6, ep("192.168.1.10", localPort), ep(remote, remotePort)),
                FirewallEventType.CLASSIFY_DROP, Direction.IN, 68812, "Block inbound", 44, "ALE_AUTH_RECV_ACCEPT_V4", null);
    }

    public static SocketEvent connect(long pid, String process, String remote, int port) {
        return new SocketEvent(header(pid, process, 6, ep("192.168.1.10", 50123), ep(remote, port)),
                SocketOp.CONNECT, CallPhase.COMPLETE, Direction.OUT, 0xFFFF8001L, 2, 1, -1, -1, 0, "STATUS_SUCCESS");
    }

    public static DnsEvent dns(long pid, String name, String... results) {
        return new DnsEvent(new EventHeader(T0, Source.ETW_DNS, pid, "app.exe", null, -1, null, null, null, null),
                name, 1, 0, "SUCCESS", List.of(results));
    }

    private static Map<String, String> orderedRaw() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("appId", "\\device\\x");
        m.put("n", "1");
        return m;
    }

    /** One event of every class with every field set, including enrichment, raw fields and IPv6. */
    public static List<wstool.core.model.NetEvent> everyKind() {
        Enrichment en = new Enrichment(new GeoLocation("GB", "United Kingdom", "London", "England", 51.5142, -0.0931), new AutonomousSystem(29518L, "Bredband2 AB"), new DropListing("SBL123456"), null, null);
        EventHeader full = new EventHeader(T0, Source.WFP, 1234, "C:\\Windows\\System32\\svchost.exe", "NT AUTHORITY\\SYSTEM",
                17, ep("2001:db8::1", 5353), ep("2001:db8:ffff::2", 53), orderedRaw(), en);
        return List.of(
                new FirewallEvent(full, FirewallEventType.CAPABILITY_DROP, Direction.OUT, 99, "=cmd|' /C calc'!A0", 48,
                        "ALE_AUTH_CONNECT_V6", "rule \"x\", y"),
                new SocketEvent(full.withEnrichment(Enrichment.NONE), SocketOp.RECV, CallPhase.START, Direction.IN,
                        77, 23, 2, 65536, 1200, 0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                dns(42, "example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
                new RawEvent(new EventHeader(T0.plusNanos(1), Source.ETW_OTHER, -1, null, null, -1, null, null, null, null),
                        "{e53c6823-7bb8-44bb-90dc-3f86090d48a6}", 9999, 3, "00ff10"));
    }
}
