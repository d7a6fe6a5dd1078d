package wstool.bench;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
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
import org.openjdk.jmh.infra.Blackhole;
import wstool.etw.decode.EventRecordView;
import wstool.etw.etl.EtlReader;
import wstool.etw.live.EtwStructs;
import wstool.etw.live.Guids;
import wstool.etw.live.LiveEventRecord;
import wstool.etw.live.ManifestLiveDecoder;
import wstool.etw.live.RecordCopier;

/**
 * The live ETW path per event, without Windows: the 8,923 Kernel-Network events of the real capture laid out as
 * EVENT_RECORDs in native memory (Windows x64 offsets), then {@code copy} = what the EventRecordCallback does
 * (RecordCopier), {@code copyAndDecode} = that plus the manifest decoder on the consumer thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LiveCallbackBenchmark {
    static final int EVENTS = 8923;

    private final List<Memory> keep = new ArrayList<>();
    private Pointer[] records;
    private ManifestLiveDecoder decoder;

    @Setup
    public void setUp() throws IOException {
        List<Pointer> list = new ArrayList<>();
        try (EtlReader reader = EtlReader.open(EtlDecodeBenchmark.fixture())) {
            for (EventRecordView v = reader.next(); v != null; v = reader.next()) {
                list.add(eventRecord(v));
            }
        }
        if (list.size() != EVENTS) throw new IllegalStateException(list.size() + " events, expected " + EVENTS);
        records = list.toArray(new Pointer[0]);
        decoder = new ManifestLiveDecoder();
    }

    private Pointer eventRecord(EventRecordView v) {
        int hdr = EtwStructs.EVENT_RECORD.offset("EventHeader");
        int desc = hdr + EtwStructs.EVENT_HEADER.offset("EventDescriptor");
        Memory m = new Memory(new EtwStructs.EVENT_RECORD().size());
        m.clear();
        m.setShort(hdr + EtwStructs.EVENT_HEADER.offset("Flags"), (short) v.headerFlags());
        m.setInt(hdr + EtwStructs.EVENT_HEADER.offset("ThreadId"), (int) v.tid());
        m.setInt(hdr + EtwStructs.EVENT_HEADER.offset("ProcessId"), (int) v.pid());
        m.setLong(hdr + EtwStructs.EVENT_HEADER.offset("TimeStamp"),
                v.timestamp().getEpochSecond() * 10_000_000L + v.timestamp().getNano() / 100
                        + LiveEventRecord.FILETIME_UNIX_EPOCH);
        m.write(hdr + EtwStructs.EVENT_HEADER.offset("ProviderId"), Guids.toBytes(v.providerId()), 0, 16);
        m.setShort(desc + EtwStructs.EVENT_DESCRIPTOR.offset("Id"), (short) v.eventId());
        m.setByte(desc + EtwStructs.EVENT_DESCRIPTOR.offset("Version"), (byte) v.version());
        m.setByte(desc + EtwStructs.EVENT_DESCRIPTOR.offset("Opcode"), (byte) v.opcode());
        m.setShort(desc + EtwStructs.EVENT_DESCRIPTOR.offset("Task"), (short) v.task());
        Memory user = new Memory(Math.max(1, v.payloadLength()));
        user.write(0, v.data(), v.payloadOffset(), v.payloadLength());
        m.setShort(EtwStructs.EVENT_RECORD.offset("UserDataLength"), (short) v.payloadLength());
        m.setPointer(EtwStructs.EVENT_RECORD.offset("UserData"), user);
        keep.add(m);
        keep.add(user);
        return m;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void copy(Blackhole bh) {
        for (Pointer p : records) bh.consume(RecordCopier.copy(p));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void copyAndDecode(Blackhole bh) {
        for (Pointer p : records) decoder.decode(RecordCopier.copy(p), null, bh::consume);
    }

    /** Events copyAndDecode turns into SocketEvents (for the benchmark's own test). */
    long socketEvents() {
        long[] n = {0};
        for (Pointer p : records) {
            decoder.decode(RecordCopier.copy(p), null, e -> {
                if (e instanceof wstool.core.model.SocketEvent) n[0]++;
            });
        }
        return n[0];
    }
}
