package wstool.etw.live;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * Hand-written bindings of the ETW controller/consumer functions (advapi32) and TdhGetEventInformation (tdh):
 * jna-platform has none of them. Structures are passed as {@link Pointer}s to memory the caller laid out with
 * {@link EtwStructs}, so that a test fake sees exactly the bytes Windows would. Return values are Win32 error codes
 * (ULONG) except OpenTraceW, which returns a TRACEHANDLE.
 *
 * <p>Status: signatures follow the SDK prototypes; not yet called against a real Windows from this code base.
 */
public final class EtwApi {

    private EtwApi() {
    }

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_NOT_FOUND = 1168;
    public static final int ERROR_CANCELLED = 1223;
    public static final int ERROR_NO_SYSTEM_RESOURCES = 1450;
    public static final int ERROR_WMI_INSTANCE_NOT_FOUND = 4201;

    public static final int WNODE_FLAG_TRACED_GUID = 0x00020000;
    public static final int EVENT_TRACE_REAL_TIME_MODE = 0x00000100;
    public static final int EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING = 0x10000000;
    public static final int EVENT_TRACE_CONTROL_QUERY = 0;
    public static final int EVENT_TRACE_CONTROL_STOP = 1;
    public static final int PROCESS_TRACE_MODE_REAL_TIME = 0x00000100;
    public static final int PROCESS_TRACE_MODE_EVENT_RECORD = 0x10000000;
    public static final long INVALID_PROCESSTRACE_HANDLE = 0xFFFFFFFFFFFFFFFFL;
    public static final int EVENT_CONTROL_CODE_DISABLE_PROVIDER = 0;
    public static final int EVENT_CONTROL_CODE_ENABLE_PROVIDER = 1;
    public static final int ENABLE_TRACE_PARAMETERS_VERSION_2 = 2;
    public static final int EVENT_FILTER_TYPE_EVENT_ID = 0x80000200;
    public static final byte TRACE_LEVEL_VERBOSE = 5;

    /**
     * PEVENT_RECORD_CALLBACK: {@code VOID WINAPI EventRecordCallback(PEVENT_RECORD)}. A plain {@link Callback}:
     * x64 Windows has a single calling convention (WINAPI only matters on 32-bit x86, which ws_tool does not
     * support), and the same callback then also runs under the Linux test fake.
     */
    public interface EventRecordCallback extends Callback {
        void invoke(Pointer eventRecord);
    }

    /** advapi32.dll ETW functions. */
    public interface Advapi32 extends Library {
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

    /** tdh.dll. */
    public interface Tdh extends Library {
        int TdhGetEventInformation(Pointer event, int tdhContextCount, Pointer tdhContext, Pointer buffer,
                                   IntByReference bufferSize);
    }

    /** The real advapi32 (Windows only). */
    public static Advapi32 advapi32() {
        return Native.load("advapi32", Advapi32.class);
    }

    /** The real tdh (Windows only). */
    public static Tdh tdh() {
        return Native.load("tdh", Tdh.class);
    }
}
