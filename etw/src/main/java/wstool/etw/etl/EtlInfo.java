package wstool.etw.etl;

import wstool.etw.decode.EventRecordView;
import wstool.etw.schema.SchemaRegistry;

import java.io.IOException;
import java.nio.file.Path;

/** Header facts and per-provider counts of a .etl file, without decoding payloads. */
public final class EtlInfo {
    private EtlInfo() {}

    /**
     * Scans the whole file; damage is counted (see {@link EtlSummary#damaged()}) and the scan goes on with the next
     * buffer. A file without a readable logfile header throws.
     */
    public static EtlSummary scan(Path file, EtlEventSource.Progress progress) throws IOException {
        SchemaRegistry reg = SchemaRegistry.builtIn();
        EtlSummary s = new EtlSummary();
        try (EtlReader r = EtlReader.open(file)) {
            s.header(r.header());
            long n = 0;
            try {
                EventRecordView v;
                while ((v = r.next()) != null) {
                    s.countRecord(reg.providerName(v.providerId()), v);
                    if (progress != null && (++n & 0xFFFF) == 0) progress.update(r.position(), r.fileSize());
                }
            } finally {
                s.finish(r.stats());
            }
        }
        return s;
    }

    /** The header facts as text lines. */
    public static String renderHeader(Path file, LogfileHeader h) {
        String clock = h.clockType() == LogfileHeader.CLOCK_QPC ? "QPC"
                : h.clockType() == LogfileHeader.CLOCK_SYSTEM_TIME ? "system time"
                : h.clockType() == LogfileHeader.CLOCK_CPU_CYCLE ? "CPU cycles" : "unknown (" + h.clockType() + ")";
        return "file: " + file + "\n"
                + "  logger: " + h.loggerName() + "  (logged to " + h.logFileName() + ")\n"
                + "  Windows " + h.majorVersion() + "." + h.minorVersion() + " build " + h.providerVersion()
                + ", " + h.numberOfProcessors() + " CPUs, " + h.cpuSpeedMhz() + " MHz, pointer size " + h.pointerSize() + "\n"
                + "  start " + h.startTime() + ", end " + h.endTime() + ", boot " + h.bootTime() + "\n"
                + "  clock " + clock + ", " + h.ticksPerSecond() + " ticks/s, timer resolution "
                + h.timerResolution100ns() / 10_000.0 + " ms\n"
                + "  buffers: " + h.buffersWritten() + " x " + h.bufferSize() + " bytes, events lost " + h.eventsLost()
                + ", buffers lost " + h.buffersLost() + ", log file mode 0x" + Integer.toHexString(h.logFileMode()) + "\n";
    }
}
