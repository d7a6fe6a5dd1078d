package wstool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;
import wstool.correlate.CorrelationSettings;
import wstool.correlate.Correlator;
import wstool.correlate.Flow;
import wstool.correlate.FlowOutput;

/**
 * N synthetic connections through the correlation, in a fixed heap: each is an allowed verdict without pid, connect,
 * a send and a receive, and (for all but every 10th, left to the idle timeout) a close; {@code overlap} connections
 * are open at any time, one event every 10 µs of event time. Prints events/s and the largest heap in use after a GC
 * (sampled every 100,000 connections), so that a fixed -Xmx proves the memory bound.
 * <p>
 * Run: {@code java -Xmx96m -cp bench/target/benchmarks.jar wstool.bench.FlowHarness 1000000 5000}
 */
public final class FlowHarness {
    private FlowHarness() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int overlap = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        long[] written = new long[1];
        Correlator c = new Correlator(CorrelationSettings.DEFAULTS.withIdle(Duration.ofSeconds(30), Duration.ofSeconds(30)),
                new FlowOutput() {
                    @Override public void write(Flow flow) { written[0]++; }
                    @Override public void flush() { }
                    @Override public void close() { }
                });
        Instant t0 = Instant.parse("2026-11-20T00:00:00Z");
        long events = 0;
        long maxUsed = 0;
        long start = System.nanoTime();
        java.util.function.Consumer<NetEvent> sink = e -> { };
        for (int i = 0; i < n + overlap; i++) {
            Instant t = t0.plusNanos(i * 10_000L * 5);
            if (i < n) {
                for (NetEvent e : open(i, t)) {
                    c.accept(e, sink);
                    events++;
                }
            }
            int closing = i - overlap;
            if (closing >= 0 && closing % 10 != 0) {
                c.accept(close(closing, t), sink);
                events++;
            }
            if (i % 100_000 == 0) maxUsed = Math.max(maxUsed, usedAfterGc());
        }
        c.finish(sink);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("%,d connections, %,d events in %.1f s: %,.0f events/s; %,d flows written; max heap in use"
                        + " after GC %,d KB (-Xmx %,d MB); %s%n", n, events, s, events / s, written[0], maxUsed >> 10,
                Runtime.getRuntime().maxMemory() >> 20, c.stats().render());
    }

    private static NetEvent[] open(int i, Instant t) {
        Endpoint remote = Endpoint.of(Addresses.ipv4(0x0A000000 | (i % 50_000)), 443);
        Endpoint local = Endpoint.of(Addresses.parse("192.168.0.2"), 1024 + i % 60_000);
        long pid = 1000 + i % 300;
        EventHeader fw = new EventHeader(t, Source.WFP, EventHeader.UNKNOWN_PID, null, null, 6, local, remote, Map.of(), null);
        return new NetEvent[] {
                new FirewallEvent(fw, FirewallEventType.CLASSIFY_ALLOW, Direction.OUT, 1, null, 48, null, null),
                socket(i, pid, SocketOp.CONNECT, t.plusNanos(1000), local, remote, -1),
                socket(i, pid, SocketOp.SEND, t.plusNanos(2000), local, remote, 500),
                socket(i, pid, SocketOp.RECV, t.plusNanos(3000), local, remote, 4000)};
    }

    private static NetEvent close(int i, Instant t) {
        return socket(i, 1000 + i % 300, SocketOp.CLOSE, t, Endpoint.NONE, Endpoint.NONE, -1);
    }

    private static SocketEvent socket(int i, long pid, SocketOp op, Instant t, Endpoint local, Endpoint remote, long bytes) {
        EventHeader h = new EventHeader(t, Source.ETW_AFD, pid, "app.exe", null, 6, local, remote, Map.of(), null);
        return new SocketEvent(h, op, CallPhase.COMPLETE, Direction.OUT, i, 2, 1, -1, bytes, 0, null);
    }

    private static long usedAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) used += p.getUsage().getUsed();
        }
        return used;
    }
}
