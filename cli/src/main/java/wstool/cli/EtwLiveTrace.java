package wstool.cli;

import wstool.core.pipeline.Notices;
import java.util.List;
import wstool.core.pipeline.EventSource;
import wstool.etw.live.EtwLiveSource;
import wstool.etw.live.EtwProvider;
import wstool.etw.live.SessionBuffers;
import wstool.core.filter.TraceTarget;

/**
 * The Windows live path of {@code trace}: a real-time ETW session (module etw, package wstool.etw.live). Kept apart
 * from the command so that one `trace` command can choose between it, the Linux backend and --etl.
 */
final class EtwLiveTrace {

    /** Where live tracing is not available: one sentence pointing to what is. */
    static final String NOT_WINDOWS = "live ETW tracing needs Windows; on Linux 'trace --pid/--exe' uses the Linux"
            + " backend, and any OS can read a capture with 'trace --etl FILE'";

    private EtwLiveTrace() {
    }

    /**
     * @param target which processes (one pid: follow that process and stop when it exits)
     * @param providers --providers LIST or null for Winsock-AFD, NameResolution, Kernel-Network
     * @param notices where the source's notices go (EventJob#notices)
     * @throws UsageException for a bad provider
     */
    static EventSource source(TraceTarget target, String providers, SessionBuffers buffers, Notices notices) {
        List<EtwProvider> list = providers == null ? EtwProvider.DEFAULT
                : Usage.option("--providers", () -> EtwProvider.parseList(providers));
        for (EtwProvider p : list) {
            if (p.kernelLogger()) {
                throw new UsageException("--providers: " + p.name() + " events come from the NT Kernel Logger; a live"
                        + " trace cannot enable them (read a kernel-logger capture with --etl)");
            }
        }
        return EtwLiveSource.builder().windows().providers(list).target(target).buffers(buffers)
                .status(notices::notice)
                .onLosses(c -> notices.notice("ETW lost events because the session's buffers filled up; larger or more"
                        + " buffers help: --etw-buffer-kb (now " + buffers.bufferKb() + ") and --etw-buffers"
                        + " (now " + buffers.minBuffers() + "," + buffers.maxBuffers() + ")"))
                .build();
    }

    /**
     * --etw-buffer-kb KB and --etw-buffers MIN,MAX over the defaults.
     *
     * @throws UsageException for a value out of range or not MIN,MAX
     */
    static SessionBuffers buffers(Integer bufferKb, String minMax) {
        SessionBuffers d = SessionBuffers.DEFAULT;
        int min = d.minBuffers(), max = d.maxBuffers();
        if (minMax != null) {
            String[] parts = minMax.split(",", -1);
            try {
                if (parts.length != 2) throw new NumberFormatException();
                min = Integer.parseInt(parts[0].strip());
                max = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--etw-buffers takes MIN,MAX (two numbers, e.g. 16,128), not '" + minMax + "'");
            }
        }
        try {
            return new SessionBuffers(bufferKb == null ? d.bufferKb() : bufferKb, min, max);
        } catch (IllegalArgumentException e) {
            throw new UsageException((minMax != null && e.getMessage().startsWith("ETW buffers") ? "--etw-buffers: "
                    : "--etw-buffer-kb: ") + e.getMessage());
        }
    }
}
