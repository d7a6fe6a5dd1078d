package wstool.bench;

import java.io.IOException;
import java.io.OutputStream;
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
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.packet.LinkType;
import wstool.core.packet.PacketParser;
import wstool.core.sink.PcapngSink;
import wstool.etw.decode.AttributionState;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;
import wstool.etw.etl.EtlReader;
import wstool.etw.schema.SchemaRegistry;

/**
 * Packets on one core, from the real pktmon capture (fixtures/etl/demikernel_PktMon.etl: 114 packet fragments),
 * its records held in memory (the .etl decompression is EtlDecodeBenchmark's): {@code decode} = PktMon event to
 * PacketEvent (schema walk, frame copy, link/IP/transport parse; raw map off, as throughput callers run it),
 * {@code parse} = the header parser alone, {@code pcapng} = PacketEvents written as pcapng blocks with comments to a
 * discarding stream. Target (issue 15): decode >= 1 M packets/s per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PacketBenchmark {
    static final int PACKETS = 114;

    List<EventRecordView> records;
    List<PacketEvent> packets;
    EventDecoder decoder;

    @Setup
    public void setUp() throws IOException {
        records = new ArrayList<>();
        try (EtlReader r = EtlReader.open(EtlDecodeBenchmark.fixture().resolveSibling("demikernel_PktMon.etl"))) {
            EventRecordView v;
            while ((v = r.next()) != null) if (v.providerIs(EventDecoder.PKTMON) && v.eventId() == 160) records.add(v.copy());
        }
        if (records.size() != PACKETS) throw new IllegalStateException("expected " + PACKETS + " fragments, got " + records.size());
        decoder = new EventDecoder(SchemaRegistry.builtIn(), new AttributionState(), false);
        packets = new ArrayList<>();
        for (EventRecordView v : records) packets.add((PacketEvent) decoder.decode(v));
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decode() {
        long sum = 0;
        for (EventRecordView v : records) {
            NetEvent e = decoder.decode(v);
            sum += ((PacketEvent) e).originalLength();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long parse() {
        long sum = 0;
        for (PacketEvent p : packets) sum += PacketParser.parse(LinkType.ETHERNET, p.frame(), 0, p.frame().length).protocol();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long pcapng() throws IOException {
        Counting out = new Counting();
        try (PcapngSink s = new PcapngSink(out)) {
            for (PacketEvent p : packets) s.accept(p);
        }
        return out.bytes;
    }

    static final class Counting extends OutputStream {
        long bytes;
        @Override public void write(int b) { bytes++; }
        @Override public void write(byte[] b, int off, int len) { bytes += len; }
    }
}
