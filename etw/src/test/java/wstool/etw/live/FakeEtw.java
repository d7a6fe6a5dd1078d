package wstool.etw.live;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for advapi32 and tdh that behaves as Windows documents: sessions by name (183 for a duplicate),
 * scripted failure codes, QUERY/STOP through EVENT_TRACE_PROPERTIES, and ProcessTrace calling the consumer's
 * EventRecordCallback through its native function pointer with EVENT_RECORD memory built at the Windows x64
 * offsets of the SDK layout table (literal numbers here, independent of the JNA structures under test).
 */
final class FakeEtw implements Advapi32, Tdh {

    // Windows x64 offsets (fixtures/layout/windows-sdk-layout.txt)
    static final int ETP_WNODE_BUFFER_SIZE = 0, ETP_WNODE_FLAGS = 44, ETP_LOG_FILE_MODE = 64, ETP_EVENTS_LOST = 88;
    static final int ETP_RT_BUFFERS_LOST = 100, ETP_LOGGER_NAME_OFFSET = 116;
    static final int LF_LOGGER_NAME = 8, LF_PROCESS_TRACE_MODE = 28, LF_EVENT_RECORD_CALLBACK = 424, LF_SIZE = 448;
    static final int ER_SIZE = 112, EH_FLAGS = 4, EH_EVENT_PROPERTY = 6, EH_THREAD_ID = 8, EH_PROCESS_ID = 12;
    static final int EH_TIME_STAMP = 16, EH_PROVIDER_ID = 24, EH_DESCRIPTOR = 40, ER_EXT_COUNT = 84;
    static final int ER_USER_DATA_LENGTH = 86, ER_EXT_DATA = 88, ER_USER_DATA = 96;
    static final int ETP_VERSION = 0, ETP_FILTER_DESC = 32, ETP_FILTER_COUNT = 40;

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<String> activeSessions = Collections.synchronizedSet(new LinkedHashSet<>());
    final Deque<Integer> startTraceResults = new ArrayDeque<>();
    final List<UUID> enabled = Collections.synchronizedList(new ArrayList<>());
    final List<Long> enabledKeywords = Collections.synchronizedList(new ArrayList<>());
    final List<Byte> enabledLevels = Collections.synchronizedList(new ArrayList<>());
    final List<LiveEventRecord> script = new ArrayList<>();
    /** TRACE_EVENT_INFO per (provider, id, version, opcode): what TDH tells apart. */
    final Map<List<Object>, byte[]> tdhInfo = new HashMap<>();
    int tdhCalls;
    /** LogFileMode, BufferSize, MinimumBuffers, MaximumBuffers of the last StartTraceW. */
    volatile int startedLogFileMode;
    volatile int[] startedBuffers;
    int enableResult;
    boolean failOpenTrace;
    /** The GetLastError value OpenTraceW leaves when {@link #failOpenTrace}. */
    int openTraceLastError = WinError.ERROR_ACCESS_DENIED;
    /** What ProcessTrace returns when it returns by itself ({@link #returnAfterScript}). */
    int processTraceResult;
    /** Event ids of the last EVENT_FILTER_TYPE_EVENT_ID filter seen by EnableTraceEx2, with its FilterIn flag. */
    final List<Integer> filteredEventIds = new ArrayList<>();
    int filterIn = -1;
    int eventsLost;
    int realTimeBuffersLost;
    /** When true, ProcessTrace returns by itself after delivering the script (as when the session is stopped elsewhere). */
    boolean returnAfterScript;
    /** Run on ProcessTrace's thread once the script is delivered (e.g. the source's stop, as Ctrl-C would). */
    volatile Runnable afterScript = () -> { };
    volatile CountDownLatch delivered = new CountDownLatch(1);
    private final Map<Long, String> openTraces = new HashMap<>();
    private final Map<Long, Pointer> callbacks = new HashMap<>();
    private long nextHandle = 0x1000;

    @Override
    public synchronized int StartTraceW(LongByReference traceHandle, WString instanceName, Pointer properties) {
        String name = instanceName.toString();
        checkProperties(properties, name);
        startedLogFileMode = properties.getInt(ETP_LOG_FILE_MODE);
        startedBuffers = new int[] {properties.getInt(48), properties.getInt(52), properties.getInt(56)}; // SDK offsets
        Integer forced = startTraceResults.poll();
        if (forced != null && forced != 0) {
            calls.add("StartTraceW " + name + " -> " + forced);
            return forced;
        }
        if (activeSessions.contains(name)) {
            calls.add("StartTraceW " + name + " -> 183");
            return WinError.ERROR_ALREADY_EXISTS;
        }
        activeSessions.add(name);
        traceHandle.setValue(nextHandle++);
        calls.add("StartTraceW " + name + " -> 0");
        return 0;
    }

    private static void checkProperties(Pointer p, String name) {
        int bufferSize = p.getInt(ETP_WNODE_BUFFER_SIZE);
        int nameOffset = p.getInt(ETP_LOGGER_NAME_OFFSET);
        if ((p.getInt(ETP_WNODE_FLAGS) & Wmistr.WNODE_FLAG_TRACED_GUID) == 0) {
            throw new AssertionError("Wnode.Flags lacks WNODE_FLAG_TRACED_GUID");
        }
        if (nameOffset < 120 || nameOffset >= bufferSize) {
            throw new AssertionError("LoggerNameOffset " + nameOffset + " outside the " + bufferSize + "-byte buffer");
        }
        String inBuffer = utf16(p, nameOffset, bufferSize - nameOffset);
        if (!inBuffer.isEmpty() && !inBuffer.equals(name)) {
            throw new AssertionError("logger name in buffer '" + inBuffer + "' != '" + name + "'");
        }
    }

    @Override
    public synchronized int ControlTraceW(long traceHandle, WString instanceName, Pointer properties,
                                          int controlCode) {
        String name = instanceName.toString();
        checkProperties(properties, name);
        if (!activeSessions.contains(name)) {
            calls.add("ControlTraceW " + name + " " + controlCode + " -> 4201");
            return WinError.ERROR_WMI_INSTANCE_NOT_FOUND;
        }
        properties.setInt(ETP_EVENTS_LOST, eventsLost);
        properties.setInt(ETP_RT_BUFFERS_LOST, realTimeBuffersLost);
        if (controlCode == Evntrace.EVENT_TRACE_CONTROL_STOP) {
            activeSessions.remove(name);
            notifyAll();
        }
        calls.add("ControlTraceW " + name + " " + (controlCode == 1 ? "STOP" : "QUERY") + " -> 0");
        return 0;
    }

    @Override
    public synchronized int EnableTraceEx2(long traceHandle, Pointer providerId, int controlCode, byte level,
                                           long matchAnyKeyword, long matchAllKeyword, int timeout,
                                           Pointer enableParameters) {
        if (enableParameters.getInt(ETP_VERSION) != Evntrace.ENABLE_TRACE_PARAMETERS_VERSION_2) {
            throw new AssertionError("ENABLE_TRACE_PARAMETERS.Version != 2");
        }
        int filters = enableParameters.getInt(ETP_FILTER_COUNT);
        if (filters != 0 && enableParameters.getPointer(ETP_FILTER_DESC) == null) {
            throw new AssertionError("FilterDescCount " + filters + " without EnableFilterDesc");
        }
        if (filters == 1) {
            Pointer desc = enableParameters.getPointer(ETP_FILTER_DESC); // EVENT_FILTER_DESCRIPTOR: Ptr 0, Size 8, Type 12
            if (desc.getInt(12) != Evntprov.EVENT_FILTER_TYPE_EVENT_ID) {
                throw new AssertionError("filter type 0x" + Integer.toHexString(desc.getInt(12)));
            }
            Pointer ids = new Pointer(desc.getLong(0)); // EVENT_FILTER_EVENT_ID: FilterIn 0, Count 2, Events 4
            int count = ids.getShort(2) & 0xFFFF;
            if (desc.getInt(8) != 4 + 2 * count) {
                throw new AssertionError("filter Size " + desc.getInt(8) + " for " + count + " ids");
            }
            filterIn = ids.getByte(0);
            filteredEventIds.clear();
            for (int i = 0; i < count; i++) {
                filteredEventIds.add(ids.getShort(4 + 2L * i) & 0xFFFF);
            }
        }
        if (enableResult != 0) {
            calls.add("EnableTraceEx2 -> " + enableResult);
            return enableResult;
        }
        enabled.add(Guids.fromBytes(providerId.getByteArray(0, 16), 0));
        enabledKeywords.add(matchAnyKeyword);
        enabledLevels.add(level);
        calls.add("EnableTraceEx2 " + enabled.get(enabled.size() - 1) + " -> 0");
        return 0;
    }

    @Override
    public synchronized long OpenTraceW(Pointer logfile) {
        int mode = logfile.getInt(LF_PROCESS_TRACE_MODE);
        int want = Evntcons.PROCESS_TRACE_MODE_REAL_TIME | Evntcons.PROCESS_TRACE_MODE_EVENT_RECORD;
        if ((mode & want) != want) {
            throw new AssertionError("ProcessTraceMode 0x" + Integer.toHexString(mode));
        }
        String name = utf16(logfile.getPointer(LF_LOGGER_NAME), 0, 1024);
        Pointer cb = logfile.getPointer(LF_EVENT_RECORD_CALLBACK);
        if (failOpenTrace || !activeSessions.contains(name) || cb == null) {
            calls.add("OpenTraceW " + name + " -> INVALID");
            com.sun.jna.Native.setLastError(failOpenTrace ? openTraceLastError : 4201); // as advapi32 does
            return Evntrace.INVALID_PROCESSTRACE_HANDLE;
        }
        long h = nextHandle++;
        openTraces.put(h, name);
        callbacks.put(h, cb);
        calls.add("OpenTraceW " + name + " -> ok");
        return h;
    }

    @Override
    public int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime) {
        Pointer cb;
        String session;
        synchronized (this) {
            cb = callbacks.get(handleArray[0]);
            session = openTraces.get(handleArray[0]);
            calls.add("ProcessTrace");
        }
        if (cb == null) {
            return 6; // ERROR_INVALID_HANDLE
        }
        // a callback JNA had let go of would crash here: the consumer must hold it strongly
        System.gc();
        Function f = Function.getFunction(cb);
        for (LiveEventRecord r : script) {
            Memory[] keep = new Memory[3];
            Memory rec = eventRecord(r, keep);
            f.invokeVoid(new Object[] {rec});
        }
        delivered.countDown();
        afterScript.run();
        if (returnAfterScript) {
            synchronized (this) {
                activeSessions.remove(session); // stopped elsewhere
            }
            return processTraceResult;
        }
        // real-time ProcessTrace returns once its session is stopped or its trace handle closed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (this) {
            while (activeSessions.contains(session) && openTraces.containsKey(handleArray[0])) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return 1460; // ERROR_TIMEOUT: the consumer never stopped the session
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1223;
                }
            }
        }
        return 0;
    }

    /** Fills each buffer's logger name (at its LoggerNameOffset) with an active session's name, in start order. */
    @Override
    public synchronized int QueryAllTracesW(Pointer[] propertyArray, int propertyArrayCount,
                                            IntByReference loggerCount) {
        calls.add("QueryAllTracesW");
        List<String> names = new ArrayList<>(activeSessions);
        loggerCount.setValue(names.size());
        for (int i = 0; i < Math.min(names.size(), propertyArrayCount); i++) {
            Pointer p = propertyArray[i];
            int size = p.getInt(ETP_WNODE_BUFFER_SIZE);
            int offset = p.getInt(ETP_LOGGER_NAME_OFFSET);
            byte[] name = (names.get(i) + "\0").getBytes(StandardCharsets.UTF_16LE);
            if (offset < 120 || offset + name.length > size) {
                throw new AssertionError("LoggerNameOffset " + offset + " leaves no room in " + size + " bytes");
            }
            p.write(offset, name, 0, name.length);
        }
        return names.size() > propertyArrayCount ? WinError.ERROR_MORE_DATA : 0;
    }

    @Override
    public synchronized int CloseTrace(long traceHandle) {
        calls.add("CloseTrace");
        openTraces.remove(traceHandle);
        notifyAll();
        return 0;
    }

    void tdh(UUID provider, int id, int version, byte[] info) {
        tdh(provider, id, version, 0, info);
    }

    void tdh(UUID provider, int id, int version, int opcode, byte[] info) {
        tdhInfo.put(List.of(provider, id, version, opcode), info);
    }

    /** A NUL-terminated UTF-16LE string as Windows writes it (Pointer.getWideString would read Linux wchar_t). */
    static String utf16(Pointer p, long offset, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < maxBytes; i += 2) {
            char c = (char) (p.getShort(offset + i) & 0xFFFF);
            if (c == 0) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    synchronized boolean anyTraceOpen() {
        return !openTraces.isEmpty();
    }

    /** An EVENT_RECORD as ETW hands it to the callback: header, payload and extended items in native memory. */
    static Memory eventRecord(LiveEventRecord r, Memory[] keep) {
        Memory m = new Memory(ER_SIZE);
        m.clear();
        m.setShort(0, (short) 80);
        m.setShort(EH_FLAGS, (short) r.headerFlags());
        m.setShort(EH_EVENT_PROPERTY, (short) r.eventProperty());
        m.setInt(EH_THREAD_ID, (int) r.tid());
        m.setInt(EH_PROCESS_ID, (int) r.pid());
        m.setLong(EH_TIME_STAMP, r.timestamp());
        m.write(EH_PROVIDER_ID, Guids.toBytes(r.provider()), 0, 16);
        m.setShort(EH_DESCRIPTOR, (short) r.eventId());
        m.setByte(EH_DESCRIPTOR + 2, (byte) r.version());
        m.setByte(EH_DESCRIPTOR + 3, (byte) r.channel());
        m.setByte(EH_DESCRIPTOR + 4, (byte) r.level());
        m.setByte(EH_DESCRIPTOR + 5, (byte) r.opcode());
        m.setShort(EH_DESCRIPTOR + 6, (short) r.task());
        m.setLong(EH_DESCRIPTOR + 8, r.keyword());
        if (r.payload().length > 0) {
            Memory user = new Memory(r.payload().length);
            user.write(0, r.payload(), 0, r.payload().length);
            keep[0] = user;
            m.setPointer(ER_USER_DATA, user);
        }
        m.setShort(ER_USER_DATA_LENGTH, (short) r.payload().length);
        int n = r.extendedItems().size();
        if (n > 0) {
            Memory items = new Memory(16L * n);
            items.clear();
            long dataSize = Math.max(1, r.extendedItems().stream().mapToLong(i -> i.data().length).sum());
            Memory data = new Memory(dataSize);
            long at = 0;
            for (int i = 0; i < n; i++) {
                LiveEventRecord.ExtendedItem item = r.extendedItems().get(i);
                items.setShort(16L * i + 2, (short) item.type());
                items.setShort(16L * i + 6, (short) item.data().length);
                data.write(at, item.data(), 0, item.data().length);
                items.setLong(16L * i + 8, Pointer.nativeValue(data) + at);
                at += item.data().length;
            }
            keep[1] = items;
            keep[2] = data;
            m.setPointer(ER_EXT_DATA, items);
            m.setShort(ER_EXT_COUNT, (short) n);
        }
        return m;
    }

    @Override
    public synchronized int TdhGetEventInformation(Pointer event, int tdhContextCount, Pointer tdhContext,
                                                   Pointer buffer, IntByReference bufferSize) {
        tdhCalls++;
        UUID provider = Guids.fromBytes(event.getByteArray(EH_PROVIDER_ID, 16), 0);
        int id = event.getShort(EH_DESCRIPTOR) & 0xFFFF;
        int version = event.getByte(EH_DESCRIPTOR + 2) & 0xFF;
        int opcode = event.getByte(EH_DESCRIPTOR + 5) & 0xFF;
        byte[] info = tdhInfo.get(List.of(provider, id, version, opcode));
        if (info == null) {
            return WinError.ERROR_NOT_FOUND;
        }
        if (buffer == null || bufferSize.getValue() < info.length) {
            bufferSize.setValue(info.length);
            return WinError.ERROR_INSUFFICIENT_BUFFER;
        }
        buffer.write(0, info, 0, info.length);
        return 0;
    }

    /** A TRACE_EVENT_INFO buffer at the Windows x64 offsets: top-level scalar/string properties. */
    static byte[] traceEventInfo(UUID provider, int id, int version, String providerName, String[] names,
                                 int[] inTypes) {
        int props = names.length;
        int fixed = 112 + 24 * props;
        List<byte[]> strings = new ArrayList<>();
        int[] offsets = new int[props + 1];
        int at = fixed;
        String[] all = new String[props + 1];
        all[0] = providerName;
        System.arraycopy(names, 0, all, 1, props);
        for (int i = 0; i < all.length; i++) {
            byte[] s = (all[i] + "\0").getBytes(StandardCharsets.UTF_16LE);
            strings.add(s);
            offsets[i] = at;
            at += s.length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(at).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(0, Guids.toBytes(provider));
        b.putShort(32, (short) id);
        b.put(34, (byte) version);
        b.putInt(52, offsets[0]);
        b.putInt(100, props);
        b.putInt(104, props);
        for (int i = 0; i < props; i++) {
            int p = 112 + 24 * i;
            b.putInt(p + 4, offsets[i + 1]);
            b.putShort(p + 8, (short) inTypes[i]);
            b.putShort(p + 16, (short) 1);
        }
        at = fixed;
        for (byte[] s : strings) {
            b.put(at, s);
            at += s.length;
        }
        return b.array();
    }
}
