package wstool.etw.live;

/** The evntcons.h constants of EVENT_TRACE_LOGFILE.ProcessTraceMode (Windows SDK). */
final class Evntcons {
    private Evntcons() {
    }

    public static final int PROCESS_TRACE_MODE_REAL_TIME = 0x00000100;
    public static final int PROCESS_TRACE_MODE_EVENT_RECORD = 0x10000000;
}
