package wstool.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * The one way a source tells the rest of the pipeline that a process has exited (the socket verifier reports the
 * sockets it never closed as leaks at that moment, and forgets the pid so a reused pid starts afresh).
 * <p>
 * It is an ordinary {@link RawEvent} with provider {@link #PROVIDER} and event id {@link #EVENT_ID}, the exiting
 * process in the header ({@code pid}, {@code process}) and, when known, the exit code in {@code raw["exitCode"]}.
 * Sources that learn about exits emit one (Linux: exit_group / sched_process_exit of a traced pid; ETW: a
 * Kernel-Process ProcessStop event); sources that do not are fine: leaks are then reported at the end of the trace.
 * Emit it after the process's last socket event. It passes filters like any event of that pid (it is of class RAW,
 * so {@code --type socket} hides it).
 */
public final class ProcessExit {
    public static final String PROVIDER = "ws_tool.process";
    public static final int EVENT_ID = 2;
    public static final String EXIT_CODE = "exitCode";

    private ProcessExit() {}

    /** @param exitCode the exit status, or null when unknown */
    public static RawEvent of(Instant timestamp, Source source, long pid, String process, Integer exitCode) {
        Map<String, String> raw = exitCode == null ? Map.of() : Map.of(EXIT_CODE, exitCode.toString());
        EventHeader h = new EventHeader(timestamp, source, pid, process, null, -1, null, null, raw, null);
        return new RawEvent(h, PROVIDER, EVENT_ID, 0, "");
    }

    /** Whether {@code e} is a process-exit signal made by {@link #of}. */
    public static boolean is(NetEvent e) {
        return e instanceof RawEvent r && r.eventId() == EVENT_ID && PROVIDER.equals(r.provider());
    }
}
