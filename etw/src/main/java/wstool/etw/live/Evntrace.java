package wstool.etw.live;

/** The evntrace.h constants the session and consumer use (values from the Windows SDK header). */
final class Evntrace {
    private Evntrace() {
    }

    public static final int EVENT_TRACE_REAL_TIME_MODE = 0x00000100;
    public static final int EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING = 0x10000000;
    public static final int EVENT_TRACE_CONTROL_QUERY = 0;
    public static final int EVENT_TRACE_CONTROL_STOP = 1;
    public static final long INVALID_PROCESSTRACE_HANDLE = 0xFFFFFFFFFFFFFFFFL;
    public static final int EVENT_CONTROL_CODE_DISABLE_PROVIDER = 0;
    public static final int EVENT_CONTROL_CODE_ENABLE_PROVIDER = 1;
    public static final int ENABLE_TRACE_PARAMETERS_VERSION_2 = 2;
    public static final byte TRACE_LEVEL_VERBOSE = 5;
}
