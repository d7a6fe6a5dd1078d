package wstool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import wstool.verify.SocketVerifier;

/**
 * The verifier's throughput in events per CPU-second of the consumer thread: a harness for the busy shared machine,
 * where wall-clock JMH numbers depend on what else runs. Same events as {@link VerifierBenchmark}.
 * Run: {@code java -cp bench/target/benchmarks.jar wstool.bench.VerifierCpuTime [rounds]}.
 */
public final class VerifierCpuTime {
    private VerifierCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        VerifierBenchmark b = new VerifierBenchmark();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 3; warm++) b.verify();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long cpu = mx.getCurrentThreadCpuTime();
            int findings = b.verify();
            long used = mx.getCurrentThreadCpuTime() - cpu;
            if (findings != 0) throw new IllegalStateException("clean lifecycles gave " + findings + " findings");
            best = Math.min(best, used);
        }
        System.out.printf("verifier: %,d events in %.1f ms CPU (best of %d) = %.2f M events per CPU-second%n",
                VerifierBenchmark.EVENTS, best / 1e6, rounds, VerifierBenchmark.EVENTS / (best / 1e9) / 1e6);
    }
}
