package wstool.linux.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The socket-trace bpftrace program with the target's predicate filled in. */
public final class BpftraceScript {
    private BpftraceScript() {}

    public static String forTarget(TraceTarget target) {
        try (InputStream in = BpftraceScript.class.getResourceAsStream("socket-trace.bt")) {
            if (in == null) throw new IllegalStateException("socket-trace.bt missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SELF_EXE_NAME", TraceTarget.EXE_NAME)
                    .replace("FILTER", target.predicate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read socket-trace.bt", e);
        }
    }
}
