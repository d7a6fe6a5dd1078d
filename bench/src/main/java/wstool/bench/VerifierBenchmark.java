package wstool.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;
import wstool.verify.SocketVerifier;

/**
 * {@code --verify} cost per event on the consumer thread: AFD-style lifecycles (create, connect, sends and receives
 * as start/complete pairs, cleanup, close) of 200 processes with 20 sockets open each, endpoint addresses reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VerifierBenchmark {
    /** 35,715 whole lifecycles of 28 events: every socket is closed, so a correct verifier finds nothing. */
    static final int EVENTS = 28 * 35_715;

    SocketEvent[] events;

    @Setup
    public void setUp() {
        List<SocketEvent> out = new ArrayList<>(EVENTS + 64);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        Endpoint remote = Endpoint.of(Addresses.parse("198.51.100.7"), 443);
        long n = 0;
        while (out.size() < EVENTS) {
            long pid = 1000 + (n % 200);
            long id = 0xffffa30188000000L + (n % 4000) * 0x200;
            t = t.plusNanos(1000);
            add(out, t, pid, SocketOp.CREATE, CallPhase.START, id, -1, -1, null);
            add(out, t, pid, SocketOp.CREATE, CallPhase.COMPLETE, id, -1, -1, null);
            add(out, t, pid, SocketOp.CONNECT, CallPhase.START, id, -1, -1, remote);
            add(out, t, pid, SocketOp.CONNECT, CallPhase.COMPLETE, id, -1, -1, remote);
            for (int i = 0; i < 5; i++) {
                add(out, t, pid, SocketOp.SEND, CallPhase.START, id, 1200, -1, null);
                add(out, t, pid, SocketOp.SEND, CallPhase.COMPLETE, id, -1, 1200, null);
                add(out, t, pid, SocketOp.RECV, CallPhase.START, id, 65536, -1, null);
                add(out, t, pid, SocketOp.RECV, CallPhase.COMPLETE, id, -1, 9000, null);
            }
            add(out, t, pid, SocketOp.CLEANUP, CallPhase.START, id, -1, -1, null);
            add(out, t, pid, SocketOp.CLEANUP, CallPhase.COMPLETE, id, -1, -1, null);
            add(out, t, pid, SocketOp.CLOSE, CallPhase.START, id, -1, -1, null);
            add(out, t, pid, SocketOp.CLOSE, CallPhase.COMPLETE, id, -1, -1, null);
            n++;
        }
        if (out.size() != EVENTS) throw new IllegalStateException("lifecycle length changed: " + out.size());
        events = out.toArray(new SocketEvent[0]);
    }

    private static void add(List<SocketEvent> out, Instant t, long pid, SocketOp op, CallPhase phase, long id,
                            long buffer, long bytes, Endpoint remote) {
        EventHeader h = new EventHeader(t, Source.ETW_AFD, pid, null, null, 6, null, remote, null, null);
        out.add(new SocketEvent(h, op, phase, Direction.OUT, id, 2, 1, buffer, bytes, 0, "STATUS_SUCCESS"));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int verify() {
        SocketVerifier v = new SocketVerifier();
        for (SocketEvent e : events) v.accept(e);
        return v.report().findings().size();
    }
}
