package wstool.etw.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import wstool.win32.Win32Errors;

/**
 * The consumer side of the real-time session: OpenTraceW with PROCESS_TRACE_MODE_REAL_TIME | EVENT_RECORD,
 * ProcessTrace (blocking: call it on a thread of its own), CloseTrace. The EventRecordCallback copies the record
 * and hands it on; it never blocks. The callback object is held in a field for as long as the consumer lives: a
 * collected JNA callback would leave ETW calling freed code.
 *
 * <p>Status: driven in tests by a fake advapi32 that calls the callback through its native function pointer with
 * EVENT_RECORD memory laid out at the Windows x64 offsets; not yet run on Windows from this code base.
 */
final class EtwConsumer {

    private final Advapi32 api;
    private final String sessionName;
    private final RecordHandler handler;
    /** Strong reference: ETW calls this from ProcessTrace's thread as long as the trace is open. */
    private final EventRecordCallback callback;
    private Memory loggerName;
    private EtwStructs.EVENT_TRACE_LOGFILEW logfile;
    private volatile long handle = Evntrace.INVALID_PROCESSTRACE_HANDLE;
    private volatile Throwable callbackFailure;

    /** Receives each event record pointer during the callback (valid only until it returns). */
    @FunctionalInterface
    public interface RecordHandler {
        void onRecord(Pointer eventRecord);
    }

    public EtwConsumer(Advapi32 api, String sessionName, RecordHandler handler) {
        this.api = api;
        this.sessionName = sessionName;
        this.handler = handler;
        this.callback = this::onEvent;
    }

    private void onEvent(Pointer record) {
        try {
            handler.onRecord(record);
        } catch (Throwable t) {
            // an exception must not unwind into ETW's native frames: remember the first one, keep consuming
            if (callbackFailure == null) {
                callbackFailure = t;
            }
        }
    }

    /** OpenTraceW on the real-time session. */
    public void open() {
        byte[] name = (sessionName + "\0").getBytes(StandardCharsets.UTF_16LE);
        loggerName = new Memory(name.length);
        loggerName.write(0, name, 0, name.length);
        logfile = new EtwStructs.EVENT_TRACE_LOGFILEW();
        logfile.LoggerName = loggerName;
        logfile.ProcessTraceMode = Evntcons.PROCESS_TRACE_MODE_REAL_TIME | Evntcons.PROCESS_TRACE_MODE_EVENT_RECORD;
        logfile.EventRecordCallback = callback;
        logfile.write();
        long h = api.OpenTraceW(logfile.getPointer());
        if (h == Evntrace.INVALID_PROCESSTRACE_HANDLE) {
            // OpenTraceW returns INVALID_PROCESSTRACE_HANDLE and leaves the reason in GetLastError (evntrace.h
            // docs); JNA saves the last error of every call per thread, Native.getLastError reads it.
            throw Win32Errors.failure(Native.getLastError(), "OpenTraceW",
                    "cannot open the real-time ETW session " + sessionName + " for reading", EtwSession.PRIVILEGE);
        }
        handle = h;
    }

    /** ProcessTrace: blocks until the session stops or the trace is closed; returns its Win32 result. */
    public int process() {
        return api.ProcessTrace(new long[] {handle}, 1, null, null);
    }

    /** CloseTrace; idempotent. */
    public void close() {
        long h = handle;
        handle = Evntrace.INVALID_PROCESSTRACE_HANDLE;
        if (h != Evntrace.INVALID_PROCESSTRACE_HANDLE) {
            api.CloseTrace(h);
        }
    }

    /** The first exception thrown inside the callback, if any. */
    public Throwable callbackFailure() {
        return callbackFailure;
    }
}
