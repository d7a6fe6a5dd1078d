package wstool.etw.live;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The ETW controller/consumer functions of advapi32.dll (evntrace.h), hand-written: jna-platform's Advapi32 has
 * none of them. Structures are passed as {@link Pointer}s to memory the caller laid out with {@link EtwStructs}, so
 * that a test fake sees exactly the bytes Windows would. Return values are Win32 error codes (ULONG) except
 * OpenTraceW, which returns a TRACEHANDLE and leaves the reason of a failure in GetLastError.
 *
 * <p>Status: signatures follow the SDK prototypes; not yet called against a real Windows from this code base.
 */
public interface Advapi32 extends Library {

    /** The real advapi32 (Windows only; loaded on first use of this field). */
    Advapi32 INSTANCE = Native.load("advapi32", Advapi32.class);

    int StartTraceW(LongByReference traceHandle, WString instanceName, Pointer properties);

    int ControlTraceW(long traceHandle, WString instanceName, Pointer properties, int controlCode);

    int EnableTraceEx2(long traceHandle, Pointer providerId, int controlCode, byte level, long matchAnyKeyword,
                       long matchAllKeyword, int timeout, Pointer enableParameters);

    long OpenTraceW(Pointer logfile);

    int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime);

    int CloseTrace(long traceHandle);

    /** PropertyArray: pointers to EVENT_TRACE_PROPERTIES with Wnode.BufferSize and the two name offsets set. */
    int QueryAllTracesW(Pointer[] propertyArray, int propertyArrayCount, IntByReference loggerCount);
}
