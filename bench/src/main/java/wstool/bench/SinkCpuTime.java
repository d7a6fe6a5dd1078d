package wstool.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import wstool.core.model.Enrichment;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;
import wstool.core.sink.CsvSink;
import wstool.core.sink.JsonLinesSink;
import wstool.data.DataSet;
import wstool.enrich.Enricher;
import wstool.etw.decode.EventDecoder;
import wstool.etw.etl.ByteArrayChannel;
import wstool.etw.etl.EtlReader;
import wstool.etw.decode.EventRecordView;

/**
 * The export formatting alone, per CPU-second of the formatting thread (ThreadMXBean), so that a busy machine does
 * not blur an A/B comparison: KernelNetwork.etl ×8 decoded and enriched (embedded GeoLite2, range tables) once
 * into memory, then written by the CSV and the JSON Lines sink to a null writer, best of several rounds.
 * Run: {@code java -cp bench/target/benchmarks.jar wstool.bench.SinkCpuTime [rounds]}.
 */
public final class SinkCpuTime {
    private SinkCpuTime() {}

    interface Factory { EventSink open(Writer w) throws IOException; }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<NetEvent> events = events();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"csv", "jsonl"}) {
            Factory f = name.equals("csv") ? CsvSink::new : JsonLinesSink::new;
            double best = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                try (EventSink s = f.open(Writer.nullWriter())) {
                    for (NetEvent e : events) s.accept(e);
                }
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
            }
            System.out.printf("%s: %,d events, best %.3f CPU-s = %,.0f events per CPU-second%n", name, events.size(),
                    best, events.size() / best);
        }
    }

    static List<NetEvent> events() throws IOException {
        byte[] data = EtlDecodeBenchmark.repeated(EtlDecodeBenchmark.fixture(), EtlDecodeBenchmark.COPIES);
        List<NetEvent> out = new ArrayList<>();
        EventDecoder d = new EventDecoder();
        try (Enricher en = DataSet.open(EnrichmentBenchmark.dataDir(), DataSet.Overrides.NONE).enricher();
             EtlReader r = EtlReader.open(new ByteArrayChannel(data))) {
            EventRecordView v;
            while ((v = r.next()) != null) {
                NetEvent e = d.decode(v);
                if (e.header().remote().address() != null) {
                    Enrichment found = en.lookup(e.header().remote().address());
                    if (!found.isEmpty()) e = e.withEnrichment(found);
                }
                out.add(e);
            }
        }
        return out;
    }
}
