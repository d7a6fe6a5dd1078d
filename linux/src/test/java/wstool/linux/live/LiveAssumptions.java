package wstool.linux.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Live tests need Linux, root and some tools; elsewhere they skip with a reason that says exactly what is missing. */
public final class LiveAssumptions {
    private LiveAssumptions() {}

    public static void requireRootAndTools(String... tools) {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "LOUD SKIP: live Linux backend test needs Linux");
        boolean root = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) root = line.split("\\s+")[2].equals("0");
            }
        } catch (java.io.IOException ignored) {
            // treated as not root
        }
        assumeTrue(root, "LOUD SKIP: live Linux backend test needs root (network namespaces, nftables, NFLOG)");
        for (String t : tools) {
            assumeTrue(Cmd.onPath(t), "LOUD SKIP: live test needs '" + t + "' (apt-get install nftables iproute2 bpftrace)");
        }
    }
}
