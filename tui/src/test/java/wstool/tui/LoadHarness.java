package wstool.tui;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
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
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Pipeline;
import wstool.core.pipeline.PipelineSummary;
import wstool.core.sink.Palette;

/**
 * Load test of the full-screen view (issue: 200 000 events/s for 10 s; the UI keeps its frame rate, the heap stays
 * bounded, the source is never blocked). A live synthetic source emits new events at a fixed rate through the real
 * pipeline into the real {@link TerminalUi} drawing on a 200x50 in-memory terminal (output discarded, counted).
 * Run with {@code tui/load-test.sh [events/s] [seconds]}; exits 1 when a target is missed.
 */
public final class LoadHarness {
    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = mem.getHeapMemoryUsage().getUsed();

        CountingOut screen = new CountingOut();
        ExternalTerminal terminal = new ExternalTerminal("load", "xterm-256color", noKeys(), screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(200, 50));
        TerminalUi ui = new TerminalUi(terminal, new TerminalUi.Options(100_000, Palette.DEFAULT, ZoneOffset.UTC, List.of("synthetic"), java.nio.file.Path.of(".")));
        SyntheticSource source = new SyntheticSource(rate);
        Pipeline pipeline = Pipeline.builder().source(source).sink(ui.sink()).duration(Duration.ofSeconds(seconds)).build();
        ui.start(source.name(), true, pipeline.stats(), pipeline::lostAtSource, pipeline::requestStop, pipeline::reportFailure);
        ui.toggleTopPanelForLoadTest();

        long t0 = System.nanoTime();
        PipelineSummary summary = pipeline.run();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long frames = ui.frames();
        long maxFrame = ui.maxFrameNanos();
        double avgFrameMs = frames == 0 ? 0 : ui.totalFrameNanos() / 1e6 / frames;
        double avgFrameCpuMs = frames == 0 ? 0 : ui.totalFrameCpuNanos() / 1e6 / frames;
        long heapPeak = source.heapPeak;
        ui.close();
        System.gc();
        long heapAfterGc = mem.getHeapMemoryUsage().getUsed();

        double fps = frames / elapsed;
        if (summary.failed()) System.out.println("pipeline failed: " + summary.failure());
        if (ui.failure() != null) System.out.println("view failed: " + ui.failure());
        System.out.printf("events emitted      %,d in %.1f s = %,.0f events/s (target %,d/s)%n", source.emitted.sum(), elapsed, source.emitted.sum() / elapsed, rate);
        System.out.printf("delivered to the UI %,d; dropped (queue full) %,d%n", summary.delivered(), summary.dropped());
        System.out.printf("source: slowest emit() %.3f ms; emits over 1 ms: %,d; time behind schedule at the end %.1f ms%n",
                source.maxEmitNanos / 1e6, source.slowEmits, source.behindNanos / 1e6);
        System.out.printf("frames %d = %.1f fps (limit %d); frame time avg %.1f ms (render thread CPU %.1f ms), slowest %.1f ms; screen output %,d bytes%n",
                frames, fps, TerminalUi.MAX_FPS, avgFrameMs, avgFrameCpuMs, maxFrame / 1e6, screen.count);
        System.out.printf("machine: %d CPUs, load average %.1f, Java %s%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
        System.out.printf("heap: before %,d MB, peak while running %,d MB, after GC at the end %,d MB (max heap %,d MB)%n",
                heapBefore >> 20, heapPeak >> 20, heapAfterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
        boolean ok = !summary.failed() && ui.failure() == null && fps >= TerminalUi.MAX_FPS * 0.8 && fps <= TerminalUi.MAX_FPS + 0.5 && summary.dropped() == 0
                && source.emitted.sum() >= (long) rate * seconds * 0.95 && source.maxEmitNanos < TimeUnit.MILLISECONDS.toNanos(50);
        System.out.println(ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** A live source pacing itself to {@code rate} events/s in 1 ms steps; every event is a new object. */
    static final class SyntheticSource implements EventSource {
        private final int rate;
        private volatile boolean stopped;
        final LongAdder emitted = new LongAdder();
        volatile long maxEmitNanos;
        volatile long behindNanos;
        volatile long heapPeak;
        volatile long slowEmits;

        SyntheticSource(int rate) { this.rate = rate; }

        @Override public String name() { return "synthetic " + rate + "/s"; }
        @Override public boolean live() { return true; }
        @Override public void stop() { stopped = true; }

        @Override
        public void run(Emitter emitter) {
            NetEvent[] templates = templates();
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            long start = System.nanoTime();
            long n = 0;
            long maxEmit = 0;
            while (!stopped) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                for (; n < due && !stopped; n++) {
                    NetEvent t = templates[(int) (n % templates.length)];
                    EventHeader h = t.header();
                    NetEvent e = t.withHeader(new EventHeader(Instant.now(), h.source(), h.pid(), h.process(), h.user(),
                            h.ipProtocol(), h.local(), h.remote(), h.raw(), h.enrichment()));
                    long a = System.nanoTime();
                    emitter.emit(e);
                    long took = System.nanoTime() - a;
                    if (took > maxEmit) maxEmit = took;
                    if (took > 1_000_000L) slowEmits++;
                    emitted.increment();
                }
                maxEmitNanos = maxEmit;
                if ((n & 0xFFFF) < 200) heapPeak = Math.max(heapPeak, mem.getHeapMemoryUsage().getUsed());
                behindNanos = Math.max(0, (due - n) * 1_000_000_000L / rate);
                LockSupport.parkNanos(1_000_000L);
            }
        }

        private static NetEvent[] templates() {
            String[][] geo = {{"CN", "Beijing", "4134", "Chinanet"}, {"DE", "Frankfurt am Main", "3320", "Deutsche Telekom AG"},
                    {"US", "Ashburn", "16509", "Amazon.com, Inc."}, {"RU", "Moscow", "12389", "Rostelecom"}, {"NL", "Amsterdam", "60781", "LeaseWeb"}};
            String[] procs = {"C:\\Windows\\System32\\svchost.exe", "C:\\Program Files\\Mozilla Firefox\\firefox.exe", "C:\\Windows\\System32\\curl.exe", "System"};
            NetEvent[] out = new NetEvent[1024];
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < out.length; i++) {
                String[] g = geo[i % geo.length];
                Enrichment en = new Enrichment(new GeoLocation(g[0], null, g[1], null, null, null), new AutonomousSystem(Long.parseLong(g[2]), g[3]), i % 17 == 0 ? new DropListing("SBL" + (100000 + i)) : null, null, null);
                InetAddress remote = Addresses.ipv4(r.nextInt());
                EventHeader h = new EventHeader(Instant.EPOCH, Source.SYNTHETIC, 1000 + i % 40, procs[i % procs.length], null, i % 3 == 0 ? 17 : 6,
                        Endpoint.of(Addresses.ipv4(0xC0A80117), 49152 + i), Endpoint.of(remote, i % 2 == 0 ? 443 : 445), Map.of(), en);
                out[i] = i % 2 == 0
                        ? new FirewallEvent(h, FirewallEventType.CLASSIFY_DROP, Direction.IN, 68812, "Block inbound", 44, "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4", null)
                        : new SocketEvent(h, SocketOp.SEND, CallPhase.COMPLETE, Direction.OUT, i, 2, 1, 4096, 4096, 0, "STATUS_SUCCESS");
            }
            return out;
        }
    }

    /** A keyboard nobody types on (end of input would mean a hang-up, which quits the view). */
    private static InputStream noKeys() throws java.io.IOException {
        java.io.PipedOutputStream never = new java.io.PipedOutputStream();
        KEEP.add(never);
        return new java.io.PipedInputStream(never);
    }

    private static final List<Object> KEEP = new java.util.ArrayList<>();

    /** Discards the screen output, counting it. */
    static final class CountingOut extends OutputStream {
        volatile long count;
        @Override public void write(int b) { count++; }
        @Override public void write(byte[] b, int off, int len) { count += len; }
    }
}
