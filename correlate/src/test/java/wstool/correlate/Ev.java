package wstool.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** Events at exact times (milliseconds after T0) for the correlation tests. */
final class Ev {
    static final Instant T0 = Instant.parse("2026-11-20T09:15:00Z");
    static final String LOCAL = "10.0.0.5";

    private Ev() {}

    static Instant at(long ms) { return T0.plusMillis(ms); }

    static Endpoint ep(String a, int port) { return Endpoint.of(Addresses.parse(a), port); }

    static SocketEvent socket(long ms, long pid, long endpoint, SocketOp op, int localPort, String remote, int port,
                              long bytes, long status, String statusName) {
        EventHeader h = new EventHeader(at(ms), Source.LINUX_TRACE, pid, "/usr/bin/app" + pid, "ana", 6,
                localPort < 0 ? Endpoint.NONE : ep(LOCAL, localPort), remote == null ? Endpoint.NONE : ep(remote, port),
                Map.of(), null);
        return new SocketEvent(h, op, CallPhase.COMPLETE, Direction.OUT, endpoint, 2, 1, -1, bytes, status, statusName);
    }

    static SocketEvent connect(long ms, long pid, long endpoint, String remote, int port) {
        return socket(ms, pid, endpoint, SocketOp.CONNECT, -1, remote, port, -1, 0, null);
    }

    static SocketEvent io(long ms, long pid, long endpoint, SocketOp op, String remote, int port, long bytes) {
        return socket(ms, pid, endpoint, op, -1, remote, port, bytes, 0, null);
    }

    static SocketEvent close(long ms, long pid, long endpoint) {
        return socket(ms, pid, endpoint, SocketOp.CLOSE, -1, null, -1, -1, 0, null);
    }

    static FirewallEvent verdict(long ms, FirewallEventType type, int localPort, String remote, int port, long filter) {
        EventHeader h = new EventHeader(at(ms), Source.NFLOG, EventHeader.UNKNOWN_PID, null, null, 6,
                ep(LOCAL, localPort), ep(remote, port), Map.of(), null);
        return new FirewallEvent(h, type, Direction.OUT, filter, "filter " + filter, -1, null, "rule " + filter);
    }

    static FirewallEvent drop(long ms, int localPort, String remote, int port) {
        return verdict(ms, FirewallEventType.CLASSIFY_DROP, localPort, remote, port, 7);
    }

    static DnsEvent dns(long ms, long pid, String name, String... results) {
        EventHeader h = new EventHeader(at(ms), Source.ETW_DNS, pid, "app", null, -1, null, null, null, null);
        return new DnsEvent(h, name, 1, 0, "SUCCESS", List.of(results));
    }
}
