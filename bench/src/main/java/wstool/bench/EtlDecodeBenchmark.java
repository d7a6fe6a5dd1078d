package wstool.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import wstool.core.model.NetEvent;
import wstool.etw.decode.AttributionState;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;
import wstool.etw.etl.ByteArrayChannel;
import wstool.etw.etl.EtlReader;
import wstool.etw.schema.SchemaRegistry;

/**
 * .etl decode throughput on one core: the real Windows 7 Kernel-Network capture (8,923 events), repeated
 * {@value #COPIES} times in memory. {@code read} = buffer/record walk only; {@code decode} = walk + schema-driven
 * decoding to SocketEvents with the payload fields in {@code raw}; {@code decodeLean} = the same without the raw map;
 * {@code decodeTimeOrdered} = decode with the per-CPU buffer streams merged by timestamp (what {@code trace --etl}
 * does).
 * The fixture is the repository's fixtures/etl/KernelNetwork.etl (run from the repository root, or -Dwstool.fixtures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EtlDecodeBenchmark {
    static final int COPIES = 8;
    static final int EVENTS_PER_COPY = 8923;

    byte[] file;

    @Setup
    public void setUp() throws IOException {
        file = repeated(fixture(), COPIES);
    }

    static Path fixture() {
        String prop = System.getProperty("wstool.fixtures");
        return (prop != null ? Path.of(prop) : Path.of("fixtures")).resolve("etl/KernelNetwork.etl");
    }

    static byte[] repeated(Path p, int copies) throws IOException {
        byte[] one = Files.readAllBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(one.length * copies);
        for (int i = 0; i < copies; i++) out.writeBytes(one);
        return out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(COPIES * EVENTS_PER_COPY)
    public long read() throws IOException {
        long sum = 0;
        try (EtlReader r = EtlReader.open(new ByteArrayChannel(file))) {
            EventRecordView v;
            while ((v = r.next()) != null) sum += v.payloadLength();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(COPIES * EVENTS_PER_COPY)
    public long decode() throws IOException {
        return decodeAll(file, new EventDecoder());
    }

    @Benchmark
    @OperationsPerInvocation(COPIES * EVENTS_PER_COPY)
    public long decodeLean() throws IOException {
        return decodeAll(file, new EventDecoder(SchemaRegistry.builtIn(), new AttributionState(), false));
    }

    @Benchmark
    @OperationsPerInvocation(COPIES * EVENTS_PER_COPY)
    public long decodeTimeOrdered() throws IOException {
        long n = 0;
        EventDecoder d = new EventDecoder();
        try (EtlReader r = EtlReader.openTimeOrdered(new ByteArrayChannel(file))) {
            EventRecordView v;
            while ((v = r.next()) != null) if (d.decode(v).header().pid() > 0) n++;
        }
        return n;
    }

    static long decodeAll(byte[] data, EventDecoder d) throws IOException {
        long n = 0;
        try (EtlReader r = EtlReader.open(new ByteArrayChannel(data))) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                NetEvent e = d.decode(v);
                if (e.header().pid() > 0) n++;
            }
        }
        return n;
    }
}
