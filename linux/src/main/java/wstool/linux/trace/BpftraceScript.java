package wstool.linux.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import wstool.core.filter.TraceTarget;

/** The socket-trace bpftrace program with the target's predicate filled in. */
final class BpftraceScript {
    private BpftraceScript() {}

    /** The program for this machine's architecture. */
    public static String forTarget(TraceTarget target) { return forTarget(target, System.getProperty("os.arch")); }

    static String forTarget(TraceTarget target, String arch) { return forTarget(BpftraceTarget.of(target), arch); }

    /**
     * @param arch the JVM's os.arch: the 32-bit compat probes (raw syscall numbers of i386 on x86-64) are kept only
     *             for amd64 / x86_64
     */
    static String forTarget(BpftraceTarget target, String arch) {
        try (InputStream in = BpftraceScript.class.getResourceAsStream("socket-trace.bt")) {
            if (in == null) throw new IllegalStateException("socket-trace.bt missing from the jar");
            String bt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                bt = bt.replaceAll("(?s)// COMPAT32 BEGIN.*?// COMPAT32 END\n", "");
            }
            return bt.replace("SELF_EXE_NAME", BpftraceTarget.EXE_NAME).replace("FILTER", target.predicate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read socket-trace.bt", e);
        }
    }
}
