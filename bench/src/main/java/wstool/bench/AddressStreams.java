package wstool.bench;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import wstool.core.net.Addresses;

/** Address streams for the enrichment benchmark: Zipf-distributed (few hot addresses) and uniform random IPv4. */
public final class AddressStreams {
    private AddressStreams() {}

    /**
     * {@code count} draws from {@code distinct} random public-looking IPv4 addresses with Zipf(s = 1.0) popularity:
     * rank k is drawn with probability proportional to 1/k, as in real connection logs.
     */
    public static InetAddress[] zipf(int count, int distinct, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        InetAddress[] pool = new InetAddress[distinct];
        for (int i = 0; i < distinct; i++) pool[i] = Addresses.ipv4(rnd.nextInt());
        double[] cdf = new double[distinct];
        double sum = 0;
        for (int k = 0; k < distinct; k++) cdf[k] = sum += 1.0 / (k + 1);
        InetAddress[] out = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            int k = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
            out[i] = pool[Math.min(distinct - 1, k < 0 ? -k - 1 : k)];
        }
        return out;
    }

    /** The stream {@link EnrichmentBenchmark} enriches under the parameter {@code name} ("zipf" or "uniform"). */
    public static InetAddress[] benchmarkStream(String name) {
        return "zipf".equals(name) ? zipf(EnrichmentBenchmark.ADDRESSES, 100_000, 1) : uniform(EnrichmentBenchmark.ADDRESSES, 2);
    }

    /** Writes a benchmark stream as big-endian IPv4 addresses, for the C harness: {@code zipf|uniform FILE}. */
    public static void main(String[] args) throws java.io.IOException {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[1])))) {
            for (InetAddress a : benchmarkStream(args[0])) out.write(a.getAddress());
        }
    }

    /** {@code count} uniformly random IPv4 addresses (almost all distinct). */
    public static InetAddress[] uniform(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        InetAddress[] out = new InetAddress[count];
        for (int i = 0; i < count; i++) out[i] = Addresses.ipv4(rnd.nextInt());
        return out;
    }
}
