package wstool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import wstool.etw.decode.AttributionState;
import wstool.etw.decode.EventDecoder;
import wstool.etw.schema.SchemaRegistry;

/**
 * Companion to {@link EtlDecodeBenchmark} for a shared, busy machine: decode throughput per CPU-second of the
 * decoding thread (ThreadMXBean CPU time), which other processes' load does not dilute the way wall-clock JMH
 * throughput is. Run: {@code java -cp bench/target/benchmarks.jar wstool.bench.EtlDecodeCpuTime [seconds]}.
 */
public final class EtlDecodeCpuTime {
    private EtlDecodeCpuTime() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        byte[] data = EtlDecodeBenchmark.repeated(EtlDecodeBenchmark.fixture(), EtlDecodeBenchmark.COPIES);
        int perPass = EtlDecodeBenchmark.COPIES * EtlDecodeBenchmark.EVENTS_PER_COPY;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (boolean lean : new boolean[] {false, true}) {
            // warm-up: a third of the budget
            long until = System.nanoTime() + (long) (seconds / 3 * 1e9);
            while (System.nanoTime() < until) EtlDecodeBenchmark.decodeAll(data, decoder(lean));
            long cpu0 = mx.getCurrentThreadCpuTime();
            long events = 0;
            until = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < until) {
                EtlDecodeBenchmark.decodeAll(data, decoder(lean));
                events += perPass;
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("%s: %,d events in %.2f CPU-s = %,.0f events per CPU-second%n",
                    lean ? "decodeLean" : "decode", events, cpu, events / cpu);
        }
    }

    private static EventDecoder decoder(boolean lean) {
        return lean ? new EventDecoder(SchemaRegistry.builtIn(), new AttributionState(), false) : new EventDecoder();
    }
}
