package wstool.bench;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
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

/** A reproducible mix of firewall and socket events, enriched as the pipeline would leave them. */
public final class SyntheticEvents {
    private SyntheticEvents() {}

    public static NetEvent[] mix(int n, long seed) {
        Random r = new Random(seed);
        NetEvent[] out = new NetEvent[n];
        Instant t = Instant.parse("2026-11-20T09:00:00Z");
        Enrichment geo = new Enrichment(new GeoLocation("DE", "Germany", "Frankfurt am Main", "Hesse", 50.1188, 8.6843), new AutonomousSystem(3320L, "Deutsche Telekom AG"), null, null, null);
        for (int i = 0; i < n; i++) {
            Endpoint local = Endpoint.of(Addresses.ipv4(0xC0A8B217), 49152 + r.nextInt(16000));
            Endpoint remote = Endpoint.of(Addresses.ipv4(r.nextInt()), r.nextBoolean() ? 443 : 22);
            EventHeader h = new EventHeader(t.plusNanos(1000L * i), i % 3 == 0 ? Source.WFP : Source.ETW_AFD,
                    1000 + r.nextInt(50), "C:\\Program Files\\App\\app" + r.nextInt(20) + ".exe", null, 6,
                    local, remote, Map.of(), geo);
            out[i] = i % 3 == 0
                    ? new FirewallEvent(h, FirewallEventType.CLASSIFY_DROP, Direction.IN, 68812, "Block inbound", 44,
                            "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", null)
                    : new SocketEvent(h, SocketOp.SEND, CallPhase.COMPLETE, Direction.OUT, 0xFFFFA38F2C710000L + i,
                            2, 1, 4096, 4096, 0, "STATUS_SUCCESS");
        }
        return out;
    }
}
