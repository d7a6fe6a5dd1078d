package wstool.etw.live;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import wstool.win32.Win32Errors;
import wstool.win32.WindowsApiException;

/**
 * The controller side of the real-time session: StartTraceW (stopping a stale session of the same name once),
 * EnableTraceEx2 per provider, ControlTraceW QUERY for the loss counters and STOP.
 *
 * <p>Status: driven in tests by a fake advapi32 that checks the memory it receives; not yet run on Windows from
 * this code base (the Windows CI workflow runs it).
 */
public final class EtwSession {

    /** Loss and buffer counters from ControlTraceW. */
    public record Counters(long eventsLost, long realTimeBuffersLost, long buffersWritten) {
        public static final Counters ZERO = new Counters(0, 0, 0);

        public long total() {
            return eventsLost + realTimeBuffersLost;
        }
    }

    /**
     * Who may control ETW sessions: "Only users running with elevated administrative privileges, users in the
     * Performance Log Users group, and applications running as LocalSystem, LocalService or NetworkService can
     * control event tracing sessions" (learn.microsoft.com, Controlling Event Tracing Sessions).
     */
    public static final String PRIVILEGE = "Administrator or a member of Performance Log Users";

    private static final int PROPS_SIZE = new EtwStructs.EVENT_TRACE_PROPERTIES().size();
    private static final int LOGGER_NAME_OFFSET = EtwStructs.EVENT_TRACE_PROPERTIES.offset("LoggerNameOffset");
    /** Room for a session or log file name: 1024 UTF-16 units (MAX_PATH is 260). */
    private static final int NAME_BYTES = 2048;
    /** QueryAllTracesW: "must be less than or equal to 64" (Windows 10 may allow more; ERROR_MORE_DATA says so). */
    private static final int MAX_SESSIONS_QUERIED = 64;

    private final Advapi32 api;
    private final String name;
    private final SessionBuffers buffers;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long handle;
    private volatile Counters lastCounters = Counters.ZERO;

    public EtwSession(Advapi32 api, String name) {
        this(api, name, SessionBuffers.DEFAULT);
    }

    public EtwSession(Advapi32 api, String name, SessionBuffers buffers) {
        this.api = api;
        this.name = name;
        this.buffers = buffers;
    }

    public SessionBuffers buffers() {
        return buffers;
    }

    public String name() {
        return name;
    }

    /**
     * An EVENT_TRACE_PROPERTIES block for a real-time session, followed in the same allocation by the logger name
     * (UTF-16LE, NUL-terminated) at LoggerNameOffset, as StartTraceW and ControlTraceW require.
     */
    static Memory propertiesBuffer(String loggerName) {
        return propertiesBuffer(loggerName, SessionBuffers.DEFAULT);
    }

    static Memory propertiesBuffer(String loggerName, SessionBuffers buffers) {
        byte[] nameBytes = (loggerName + "\0").getBytes(StandardCharsets.UTF_16LE);
        int total = PROPS_SIZE + nameBytes.length + 2 * 1024; // room for a log file name written back on QUERY
        Memory m = new Memory(total);
        m.clear();
        EtwStructs.EVENT_TRACE_PROPERTIES p = new EtwStructs.EVENT_TRACE_PROPERTIES(m);
        p.Wnode.BufferSize = total;
        p.Wnode.Flags = Wmistr.WNODE_FLAG_TRACED_GUID;
        p.Wnode.ClientContext = 1; // QueryPerformanceCounter clock
        p.BufferSize = buffers.bufferKb();
        p.MinimumBuffers = buffers.minBuffers();
        p.MaximumBuffers = buffers.maxBuffers();
        // One shared buffer instead of one per CPU: real-time delivery is buffer by buffer, so per-CPU buffers hand
        // the consumer events of different CPUs out of timestamp order. krabsetw (krabs/etw.hpp fill_trace_info) and
        // ferrisetw (TraceProperties::default) set the same default.
        p.LogFileMode = Evntrace.EVENT_TRACE_REAL_TIME_MODE | Evntrace.EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING;
        p.FlushTimer = 1; // seconds: real-time consumers see events within a second
        p.LoggerNameOffset = PROPS_SIZE;
        p.LogFileNameOffset = 0;
        p.write();
        m.write(PROPS_SIZE, nameBytes, 0, nameBytes.length);
        return m;
    }

    /** StartTraceW; on ERROR_ALREADY_EXISTS stops the stale session by name and retries once. */
    public void start() {
        int rc = startOnce();
        if (rc == WinError.ERROR_ALREADY_EXISTS) {
            stopByName();
            rc = startOnce();
        }
        if (rc != WinError.ERROR_SUCCESS) {
            throw startFailure(name, rc);
        }
        started.set(true);
    }

    private int startOnce() {
        LongByReference h = new LongByReference();
        int rc = api.StartTraceW(h, new WString(name), propertiesBuffer(name, buffers));
        if (rc == WinError.ERROR_SUCCESS) {
            handle = h.getValue();
        }
        return rc;
    }

    static WindowsApiException startFailure(String name, int rc) {
        String context = "cannot start the ETW session " + name;
        switch (rc) {
            case WinError.ERROR_NO_SYSTEM_RESOURCES:
                return new WindowsApiException(context + ": Windows runs at most 64 ETW sessions at once and that"
                        + " limit is reached (StartTraceW: " + Win32Errors.describe(rc) + "); list them with 'logman"
                        + " query -ets', stop an unused one with 'logman stop NAME -ets'", "StartTraceW", rc);
            case WinError.ERROR_ALREADY_EXISTS:
                return new WindowsApiException(context + ": a session of that name already exists and could not be"
                        + " stopped (try 'logman stop " + name + " -ets' as Administrator)", "StartTraceW", rc);
            default:
                return Win32Errors.failure(rc, "StartTraceW", context, PRIVILEGE);
        }
    }

    /** Enables a provider: all keywords (or {@code keywords}), level verbose, optional event-id filter. */
    public void enable(UUID provider, long keywords, List<Integer> eventIds) {
        Memory guid = new Memory(16);
        guid.write(0, Guids.toBytes(provider), 0, 16);
        EtwStructs.ENABLE_TRACE_PARAMETERS params = new EtwStructs.ENABLE_TRACE_PARAMETERS();
        params.Version = Evntrace.ENABLE_TRACE_PARAMETERS_VERSION_2;
        Memory filter = null;
        EtwStructs.EVENT_FILTER_DESCRIPTOR descriptor = null;
        if (eventIds != null && !eventIds.isEmpty()) {
            int ids = Math.min(eventIds.size(), 64); // MAX_EVENT_FILTER_EVENT_ID_COUNT
            filter = new Memory(4 + 2L * ids);
            filter.setByte(0, (byte) 1); // FilterIn: only these ids
            filter.setByte(1, (byte) 0);
            filter.setShort(2, (short) ids);
            for (int i = 0; i < ids; i++) {
                filter.setShort(4 + 2L * i, eventIds.get(i).shortValue());
            }
            descriptor = new EtwStructs.EVENT_FILTER_DESCRIPTOR();
            descriptor.Ptr = Pointer.nativeValue(filter);
            descriptor.Size = (int) filter.size();
            descriptor.Type = Evntprov.EVENT_FILTER_TYPE_EVENT_ID;
            descriptor.write();
            params.EnableFilterDesc = descriptor.getPointer();
            params.FilterDescCount = 1;
        }
        params.write();
        int rc = api.EnableTraceEx2(handle, guid, Evntrace.EVENT_CONTROL_CODE_ENABLE_PROVIDER,
                Evntrace.TRACE_LEVEL_VERBOSE, keywords, 0L, 0, params.getPointer());
        // keep the filter memory reachable until the call returned
        java.lang.ref.Reference.reachabilityFence(filter);
        java.lang.ref.Reference.reachabilityFence(descriptor);
        Win32Errors.check(rc, "EnableTraceEx2", "cannot enable ETW provider " + provider + " in session " + name,
                PRIVILEGE);
    }

    /** ControlTraceW QUERY: the session's loss counters (the last known ones if the query fails). */
    public Counters query() {
        if (!started.get() || stopped.get()) {
            return lastCounters;
        }
        Memory props = propertiesBuffer(name);
        int rc = api.ControlTraceW(0L, new WString(name), props, Evntrace.EVENT_TRACE_CONTROL_QUERY);
        if (rc == WinError.ERROR_SUCCESS || rc == WinError.ERROR_MORE_DATA) {
            lastCounters = read(props);
        }
        return lastCounters;
    }

    private static Counters read(Memory props) {
        EtwStructs.EVENT_TRACE_PROPERTIES p = new EtwStructs.EVENT_TRACE_PROPERTIES(props);
        p.read();
        return new Counters(p.EventsLost & 0xFFFFFFFFL, p.RealTimeBuffersLost & 0xFFFFFFFFL,
                p.BuffersWritten & 0xFFFFFFFFL);
    }

    /** ControlTraceW STOP by name; idempotent. Returns the final counters. Makes ProcessTrace return. */
    public Counters stop() {
        if (!started.get() || !stopped.compareAndSet(false, true)) {
            return lastCounters;
        }
        Memory props = propertiesBuffer(name);
        int rc = api.ControlTraceW(0L, new WString(name), props, Evntrace.EVENT_TRACE_CONTROL_STOP);
        if (rc == WinError.ERROR_SUCCESS || rc == WinError.ERROR_MORE_DATA) {
            lastCounters = read(props);
        }
        return lastCounters;
    }

    /**
     * Stops the sessions named {@code prefix + PID} whose PID no longer runs: what a run that was killed (no
     * shutdown hook) left behind. A session of a ws_tool that still runs is never touched. Returns the names stopped.
     */
    public List<String> stopAbandoned(String prefix, LongPredicate alive) {
        List<String> stopped = new ArrayList<>();
        for (String session : sessionNames()) {
            if (!session.startsWith(prefix) || session.equals(name)) {
                continue;
            }
            long owner;
            try {
                owner = Long.parseLong(session.substring(prefix.length()));
            } catch (NumberFormatException notOurs) {
                continue;
            }
            if (!alive.test(owner)) {
                int rc = api.ControlTraceW(0L, new WString(session), propertiesBuffer(session),
                        Evntrace.EVENT_TRACE_CONTROL_STOP);
                if (rc == WinError.ERROR_SUCCESS || rc == WinError.ERROR_MORE_DATA) {
                    stopped.add(session);
                }
            }
        }
        return stopped;
    }

    /** The names of the running sessions the caller may query (QueryAllTracesW); empty if the query fails. */
    List<String> sessionNames() {
        int count = MAX_SESSIONS_QUERIED;
        for (int attempt = 0; attempt < 2; attempt++) {
            Memory[] buffers = new Memory[count];
            Pointer[] array = new Pointer[count];
            for (int i = 0; i < count; i++) {
                buffers[i] = queryBuffer();
                array[i] = buffers[i];
            }
            IntByReference found = new IntByReference();
            int rc = api.QueryAllTracesW(array, count, found);
            if (rc == WinError.ERROR_MORE_DATA && attempt == 0 && found.getValue() > count) {
                count = Math.min(found.getValue(), 4096); // Windows 10 may run more than 64 sessions
                continue;
            }
            if (rc != WinError.ERROR_SUCCESS && rc != WinError.ERROR_MORE_DATA) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.min(found.getValue(), count); i++) {
                int offset = buffers[i].getInt(LOGGER_NAME_OFFSET);
                if (offset > 0 && offset < buffers[i].size()) {
                    names.add(utf16z(buffers[i], offset));
                }
            }
            return names;
        }
        return List.of();
    }

    /** An empty EVENT_TRACE_PROPERTIES with room for both names, as QueryAllTracesW wants it. */
    private static Memory queryBuffer() {
        Memory m = new Memory(PROPS_SIZE + 2L * NAME_BYTES);
        m.clear();
        EtwStructs.EVENT_TRACE_PROPERTIES p = new EtwStructs.EVENT_TRACE_PROPERTIES(m);
        p.Wnode.BufferSize = (int) m.size();
        p.LoggerNameOffset = PROPS_SIZE;
        p.LogFileNameOffset = PROPS_SIZE + NAME_BYTES;
        p.write();
        return m;
    }

    /** A NUL-terminated UTF-16LE string (Pointer.getWideString would use the host's wchar_t). */
    private static String utf16z(Pointer p, long offset) {
        StringBuilder sb = new StringBuilder();
        for (long at = offset; at + 1 < offset + NAME_BYTES; at += 2) {
            char c = (char) p.getShort(at);
            if (c == 0) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private void stopByName() {
        api.ControlTraceW(0L, new WString(name), propertiesBuffer(name), Evntrace.EVENT_TRACE_CONTROL_STOP);
    }

    public boolean running() {
        return started.get() && !stopped.get();
    }

    public Counters lastCounters() {
        return lastCounters;
    }
}
