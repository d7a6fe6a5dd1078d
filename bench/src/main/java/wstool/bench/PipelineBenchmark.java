package wstool.bench;

import java.io.IOException;
import java.io.Writer;
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
import wstool.core.filter.EventFilter;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Pipeline;
import wstool.core.pipeline.PipelineSummary;
import wstool.core.sink.CsvSink;

/**
 * Pipeline throughput: a synthetic source through the shared filters to a CSV sink writing to a null stream.
 * {@code endToEnd} runs the real threaded pipeline (source thread + consumer); {@code consumerCsv} measures the
 * consumer's per-event work (filter + CSV formatting) on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PipelineBenchmark {
    static final int EVENTS = 1_000_000;

    NetEvent[] events;
    EventFilter filter;

    @Setup
    public void setUp() {
        events = SyntheticEvents.mix(EVENTS, 42);
        filter = EventFilter.builder().exclude("svchost.exe").exclude("10.0.0.0/8").protocol("tcp").build();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long endToEnd() throws IOException {
        return run(events, filter);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long consumerCsv() throws IOException {
        long n = 0;
        try (CsvSink sink = new CsvSink(Writer.nullWriter())) {
            for (NetEvent e : events) {
                if (filter.test(e)) {
                    sink.accept(e);
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs the threaded pipeline over the events once; returns the number delivered. */
    static long run(NetEvent[] events, EventFilter filter) throws IOException {
        EventSource source = new EventSource() {
            @Override public String name() { return "synthetic"; }
            @Override public boolean live() { return false; }
            @Override public void stop() { }
            @Override public void run(Emitter emitter) {
                for (NetEvent e : events) if (!emitter.emit(e)) return;
            }
        };
        PipelineSummary s = Pipeline.builder().source(source).filter(filter)
                .sink(new CsvSink(Writer.nullWriter())).build().run();
        if (s.failed()) throw new IOException(s.failure());
        return s.delivered();
    }
}
