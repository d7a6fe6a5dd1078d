package wstool.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wstool.correlate.Ev.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.PidSource;
import wstool.core.model.SocketOp;

class CorrelatorTest {
    private static final CorrelationSettings WINDOW_1S = CorrelationSettings.DEFAULTS.withVerdictWindow(Duration.ofSeconds(1))
            .withDnsWindow(Duration.ofSeconds(10));

    private final List<NetEvent> out = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final FlowOutput flowOutput = new FlowOutput() {
        @Override public void write(Flow flow) { flows.add(flow); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    private Correlator run(CorrelationSettings s, NetEvent... events) {
        Correlator c = new Correlator(s, flowOutput);
        for (NetEvent e : events) c.accept(e, out::add);
        c.finish(out::add);
        return c;
    }

    private FirewallEvent onlyVerdict() {
        List<FirewallEvent> v = out.stream().filter(e -> e instanceof FirewallEvent).map(e -> (FirewallEvent) e).toList();
        assertEquals(1, v.size(), "verdicts out: " + v);
        return v.get(0);
    }

    @Test
    void verdictTakesTheProcessOfItsSocketEventWithinTheWindow() {
        run(WINDOW_1S, connect(0, 41, 3, "10.9.0.1", 80), drop(1000, 40000, "10.9.0.1", 80));
        FirewallEvent v = onlyVerdict();
        assertEquals(41, v.header().pid());
        assertEquals("/usr/bin/app41", v.header().process());
        assertEquals("ana", v.header().user());
        assertEquals(PidSource.CORRELATED, v.header().correlation().pidSource());
    }

    /** A source of this job that can or cannot emit verdicts. */
    private static wstool.core.pipeline.EventSource source(boolean verdicts) {
        return new wstool.core.pipeline.EventSource() {
            @Override public String name() { return "test"; }
            @Override public boolean live() { return false; }
            @Override public void run(wstool.core.pipeline.Emitter emitter) { }
            @Override public void stop() { }
            @Override public boolean mayEmitVerdicts() { return verdicts; }
        };
    }

    /**
     * With no source that can emit verdicts, socket events are not kept for them (a verdict that comes anyway, against
     * what the sources said, finds no process); one such source among others keeps the matching on.
     */
    @Test
    void socketEventsAreKeptForVerdictsOnlyWhenASourceCanEmitThem() {
        for (boolean verdicts : new boolean[] {false, true}) {
            out.clear();
            Correlator c = new Correlator(WINDOW_1S, flowOutput);
            c.sources(verdicts ? List.of(source(false), source(true)) : List.of(source(false)));
            c.accept(connect(0, 41, 3, "10.9.0.1", 80), out::add);
            c.accept(drop(1000, 40000, "10.9.0.1", 80), out::add);
            c.finish(out::add);
            assertEquals(verdicts ? 41 : -1, onlyVerdict().header().pid(), "verdict sources: " + verdicts);
        }
    }

    @Test
    void oneNanosecondPastTheWindowIsNoMatch() {
        run(WINDOW_1S, connect(0, 41, 3, "10.9.0.1", 80), shifted(drop(0, 40000, "10.9.0.1", 80), 1_000_000_001L));
        FirewallEvent v = onlyVerdict();
        assertEquals(-1, v.header().pid());
        assertNull(v.header().correlation().pidSource(), "no match, no pid, no pid_source");
    }

    private static FirewallEvent shifted(FirewallEvent f, long nanos) {
        var h = f.header();
        return f.withHeader(new wstool.core.model.EventHeader(T0.plusNanos(nanos), h.source(), h.pid(), h.process(),
                h.user(), h.ipProtocol(), h.local(), h.remote(), h.raw(), h.enrichment()));
    }

    @Test
    void exactlyTheWindowAfterTheVerdictStillMatches() {
        run(WINDOW_1S, drop(0, 40000, "10.9.0.1", 80), connect(1000, 43, 3, "10.9.0.1", 80));
        assertEquals(43, onlyVerdict().header().pid());
    }

    @Test
    void socketEventAfterTheVerdictMatchesToo() {
        // the verdict is held back until the window has passed: the connect's completion 800 ms later is its match
        run(WINDOW_1S, drop(0, 40000, "10.9.0.1", 80), connect(800, 42, 3, "10.9.0.1", 80));
        assertEquals(42, onlyVerdict().header().pid());
        assertTrue(out.get(0) instanceof wstool.core.model.SocketEvent, "the verdict comes out after its window");
    }

    @Test
    void closestInTimeWinsAndATieGoesToTheEventBeforeTheVerdict() {
        run(WINDOW_1S, connect(0, 50, 3, "10.9.0.1", 80), connect(400, 51, 4, "10.9.0.1", 80),
                drop(700, 40000, "10.9.0.1", 80), connect(1000, 52, 5, "10.9.0.1", 80));
        // 51 is 300 ms before, 52 300 ms after: the tie goes to the call before; 50 is 700 ms away
        assertEquals(51, onlyVerdict().header().pid());
        out.clear();
        run(WINDOW_1S, connect(0, 50, 3, "10.9.0.1", 80), drop(700, 40000, "10.9.0.1", 80),
                connect(1100, 52, 5, "10.9.0.1", 80));
        assertEquals(52, onlyVerdict().header().pid(), "400 ms after is closer than 700 ms before");
    }

    @Test
    void manyConnectionsOfOneProgramToOneRemoteEachFindTheirOwn() {
        List<NetEvent> in = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            in.add(drop(i * 100, 41000 + i, "10.9.0.1", 80));
            for (int k = 0; k < 10; k++) {
                in.add(socket(i * 100 + 1 + k, 100 + i, i, SocketOp.SEND, 41000 + i, "10.9.0.1", 80, 10, 0, null));
            }
        }
        run(WINDOW_1S, in.toArray(NetEvent[]::new));
        List<FirewallEvent> v = out.stream().filter(e -> e instanceof FirewallEvent).map(e -> (FirewallEvent) e).toList();
        assertEquals(40, v.size());
        for (FirewallEvent f : v) assertEquals(100 + f.header().local().port() - 41000, f.header().pid(), f.toString());
    }

    @Test
    void differentRemotePortOrLocalPortOrProtocolIsNoMatch() {
        run(WINDOW_1S, socketWithLocalPort(0, 60, 41000), drop(10, 40000, "10.9.0.1", 80));
        assertEquals(-1, onlyVerdict().header().pid(), "local ports 41000 and 40000 differ");
        out.clear();
        run(WINDOW_1S, connect(0, 61, 3, "10.9.0.1", 81), drop(10, 40000, "10.9.0.1", 80));
        assertEquals(-1, onlyVerdict().header().pid(), "remote port differs");
    }

    private static wstool.core.model.SocketEvent socketWithLocalPort(long ms, long pid, int localPort) {
        return socket(ms, pid, 3, SocketOp.CONNECT, localPort, "10.9.0.1", 80, -1, 0, null);
    }

    @Test
    void hostnameIsTheNameAskedPerProcessThenMachineWideWithinTheDnsWindow() {
        run(WINDOW_1S, dns(0, 70, "www.example.org", "cdn.example.net", "10.9.0.1"),
                dns(5, 71, "other.example.com.", "10.9.0.1"),
                connect(100, 70, 3, "10.9.0.1", 443), connect(200, 71, 4, "10.9.0.1", 443),
                connect(300, 72, 5, "10.9.0.1", 443), connect(10_006, 73, 6, "10.9.0.1", 443));
        List<String> names = out.stream().filter(e -> e.kind().equals("CONNECT"))
                .map(e -> e.header().correlation().hostname()).toList();
        // 72 asked nothing: the latest machine-wide answer (71's) names it; 10 s + 6 ms is past the window
        assertEquals(java.util.Arrays.asList("www.example.org", "other.example.com", "other.example.com", null), names);
    }

    @Test
    void flowFoldsBytesEachWayOutcomeAndTheVerdictsLocalPort() {
        run(WINDOW_1S,
                connect(0, 80, 3, "10.9.0.1", 80),
                verdict(1, FirewallEventType.CLASSIFY_ALLOW, 40000, "10.9.0.1", 80, 9),
                io(10, 80, 3, SocketOp.SEND, "10.9.0.1", 80, 100),
                io(20, 80, 3, SocketOp.RECV, "10.9.0.1", 80, 1500),
                io(30, 80, 3, SocketOp.RECV, "10.9.0.1", 80, 500),
                io(40, 80, 3, SocketOp.RECV, "10.9.0.1", 80, 0),
                close(50, 80, 3));
        assertEquals(1, flows.size(), "flows: " + flows);
        Flow f = flows.get(0);
        assertEquals(100, f.outBytes());
        assertEquals(2000, f.inBytes());
        assertEquals(1, f.outPackets());
        assertEquals(2, f.inPackets());
        assertEquals(Outcome.ESTABLISHED, f.outcome());
        assertEquals(40000, f.local().port(), "the connect did not know its local port; the verdict did");
        assertEquals(wstool.core.model.Direction.OUT, f.initiator());
        assertEquals(Duration.ofMillis(50), f.duration());
        assertEquals(Flow.EndReason.CLOSED, f.endReason());
        assertEquals(1, f.verdicts());
        assertEquals(wstool.core.net.CommunityId.of(6, f.local().address(), 40000, f.remote().address(), 80), f.communityId());
    }

    @Test
    void dropMakesTheFlowBlockedByItsFilter() {
        run(WINDOW_1S, connect(0, 90, 3, "10.9.0.1", 80), drop(2, 40001, "10.9.0.1", 80),
                socket(900, 90, 3, SocketOp.CONNECT, -1, "10.9.0.1", 80, -1, 110, "ETIMEDOUT"), close(901, 90, 3));
        Flow f = flows.get(0);
        assertEquals(Outcome.BLOCKED, f.outcome(), "blocked outranks the timeout it caused");
        assertEquals(7, f.blockedFilterId());
        assertEquals("ETIMEDOUT", f.failureStatus());
    }

    @Test
    void refusedAndUnmatchedDropsMakeTheirOwnFlows() {
        run(WINDOW_1S, socket(0, 91, 3, SocketOp.CONNECT, -1, "10.9.0.2", 81, -1, 111, "ECONNREFUSED"),
                drop(5000, 40002, "10.9.0.3", 82), drop(5100, 40002, "10.9.0.3", 82));
        assertEquals(2, flows.size());
        Flow refused = flows.stream().filter(x -> x.remote().port() == 81).findFirst().orElseThrow();
        assertEquals(Outcome.REFUSED, refused.outcome());
        Flow fw = flows.stream().filter(x -> x.remote().port() == 82).findFirst().orElseThrow();
        assertEquals(Outcome.BLOCKED, fw.outcome());
        assertEquals(2, fw.verdicts(), "the retransmitted SYN's drop folds into the same flow");
        assertEquals(-1, fw.pid());
    }

    @Test
    void idleFlowsAreWrittenAtTheirTimeoutAndTheOpenFlowCapEvicts() {
        CorrelationSettings s = WINDOW_1S.withIdle(Duration.ofSeconds(10), Duration.ofSeconds(2)).withLimits(2, 100);
        Correlator c = new Correlator(s, flowOutput);
        c.accept(connect(0, 1, 1, "10.9.0.1", 80), out::add);
        c.accept(io(10, 1, 1, SocketOp.SEND, "10.9.0.1", 80, 5), out::add);
        c.accept(connect(5000, 2, 2, "10.9.0.2", 80), out::add);
        assertEquals(0, flows.size(), "10 s TCP idle not reached at 5 s");
        c.accept(connect(10_010, 3, 3, "10.9.0.3", 80), out::add);
        assertEquals(1, flows.size(), "flow 1 idle since 10 ms: written at 10.010 s");
        assertEquals(Flow.EndReason.IDLE, flows.get(0).endReason());
        c.accept(connect(10_020, 4, 4, "10.9.0.4", 80), out::add);
        assertEquals(2, flows.size(), "third open flow over the cap of 2: the least recently active is written");
        assertEquals(Flow.EndReason.EVICTED, flows.get(1).endReason());
        assertEquals(2, flows.get(1).pid());
        assertEquals(1, c.stats().flowsEvicted());
        c.finish(out::add);
        assertEquals(4, flows.size());
        assertEquals(0, c.stats().flowsOpen());
    }

    @Test
    void aNewSocketWithTheTupleOfAnUnclosedOneIsANewFlow() {
        run(WINDOW_1S, socket(0, 7, 1, SocketOp.CONNECT, 40000, "10.9.0.1", 80, -1, 0, null),
                socket(5000, 7, 2, SocketOp.CONNECT, 40000, "10.9.0.1", 80, -1, 0, null), close(5001, 7, 2));
        assertEquals(2, flows.size(), "the first one's close was never seen: still two connections");
    }

    @Test
    void heldVerdictsAreCapped() {
        CorrelationSettings s = WINDOW_1S.withLimits(10, 2);
        Correlator c = new Correlator(s, flowOutput);
        for (int i = 0; i < 5; i++) c.accept(drop(i, 40000 + i, "10.9.0.1", 80), out::add);
        assertEquals(3, out.size(), "two held, the rest released at once");
        assertEquals(3, c.stats().verdictsForced());
    }

    @Test
    void udpConversationsArePerPeerAndEndWithTheSocket() {
        run(WINDOW_1S,
                socket(0, 5, 9, SocketOp.CREATE, -1, null, -1, -1, 0, null),
                udp(1, SocketOp.SENDTO, "10.9.0.53", 53, 40),
                udp(2, SocketOp.RECVFROM, "10.9.0.53", 53, 120),
                udp(3, SocketOp.SENDTO, "10.9.0.54", 53, 41),
                close(4, 5, 9));
        assertEquals(2, flows.size());
        assertTrue(flows.stream().allMatch(f -> f.endReason() == Flow.EndReason.CLOSED && f.protocol() == 17));
        Flow first = flows.stream().filter(f -> f.remote().port() == 53 && f.inBytes() == 120).findFirst().orElseThrow();
        assertEquals(40, first.outBytes());
    }

    private static wstool.core.model.SocketEvent udp(long ms, SocketOp op, String remote, int port, long bytes) {
        var s = socket(ms, 5, 9, op, -1, remote, port, bytes, 0, null);
        var h = s.header();
        return new wstool.core.model.SocketEvent(new wstool.core.model.EventHeader(h.timestamp(), h.source(), h.pid(),
                h.process(), h.user(), 17, h.local(), h.remote(), h.raw(), null), op, s.phase(), s.direction(), 9, 2, 2,
                -1, bytes, 0, null);
    }
}
