package wstool.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The services running inside a process (svchost.exe hosts several), so a socket or a verdict reads
 * {@code svchost.exe (Dnscache)}: EnumServicesStatusExW(SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_ACTIVE) fills
 * ENUM_SERVICE_STATUS_PROCESSW records whose ServiceStatusProcess.dwProcessId is the host's PID (learn.microsoft.com,
 * EnumServicesStatusExW; jna-platform's Winsvc has the structures and Advapi32 the functions).
 * <p>
 * The table is read again when a process has started since the last read (a service started in a new host) and the
 * last read is at least {@code minInterval} old, so a burst of process starts costs one enumeration. Bounded: at most
 * {@link #MAX_SERVICES} services and {@link #MAX_BYTES} of buffer are read. Safe from any thread.
 */
public final class ServiceNames {
    static final int MAX_SERVICES = 10_000;
    /** Far above a real machine's table (a few hundred services, well under 1 MiB with names). */
    static final int MAX_BYTES = 16 << 20;
    /** Access right for EnumServicesStatusEx (winsvc.h). */
    static final int SC_MANAGER_ENUMERATE_SERVICE = 0x0004;

    /** The advapi32 calls used, so tests can lay out the records Windows would return. */
    public interface Api {
        SC_HANDLE OpenSCManager(String machine, String database, int access);

        boolean EnumServicesStatusEx(SC_HANDLE manager, int infoLevel, int serviceType, int serviceState, Pointer services,
                                     int bufSize, IntByReference bytesNeeded, IntByReference returned,
                                     IntByReference resumeHandle, String group);

        boolean CloseServiceHandle(SC_HANDLE handle);

        /** GetLastError of the call just made. */
        int lastError();
    }

    /** Knows no services (off Windows, and for tests that do not care). */
    public static final ServiceNames NONE = new ServiceNames(null, () -> 0, Duration.ZERO);

    private final Api api;
    private final LongSupplier nanoTime;
    private final long minIntervalNanos;
    private volatile Map<Long, List<String>> byPid = Map.of();
    private volatile boolean stale = true;
    private volatile long readAt;
    private volatile String lastError;

    public ServiceNames(Api api, LongSupplier nanoTime, Duration minInterval) {
        this.api = api;
        this.nanoTime = nanoTime;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** This machine's service table through jna-platform's Advapi32 (Windows), else {@link #NONE}. */
    public static ServiceNames system() {
        if (!Platform.isWindows()) return NONE;
        Api advapi = new Api() {
            @Override public SC_HANDLE OpenSCManager(String m, String d, int a) { return Advapi32.INSTANCE.OpenSCManager(m, d, a); }
            @Override public boolean EnumServicesStatusEx(SC_HANDLE h, int l, int t, int s, Pointer b, int n,
                                                          IntByReference need, IntByReference got, IntByReference r, String g) {
                return Advapi32.INSTANCE.EnumServicesStatusEx(h, l, t, s, b, n, need, got, r, g);
            }
            @Override public boolean CloseServiceHandle(SC_HANDLE h) { return Advapi32.INSTANCE.CloseServiceHandle(h); }
            @Override public int lastError() { return Native.getLastError(); }
        };
        return new ServiceNames(advapi, System::nanoTime, Duration.ofSeconds(2));
    }

    /** A process started: the table is read again at the next look-up (at most once per minimum interval). */
    public void processStarted(long pid) {
        stale = true;
    }

    /** The services hosted by {@code pid}, sorted; empty when none or unknown. */
    public List<String> services(long pid) {
        if (api == null || pid <= 0) return List.of();
        refreshIfDue();
        return byPid.getOrDefault(pid, List.of());
    }

    /** {@code image} with the services {@code pid} hosts: {@code ...\svchost.exe (CryptSvc, Dnscache)}; else as given. */
    public String decorate(long pid, String image) {
        if (image == null) return null;
        List<String> s = services(pid);
        return s.isEmpty() ? image : image + " (" + String.join(", ", s) + ")";
    }

    /** Why the last read of the table failed (null when it did not): the table from before is kept. */
    public String lastError() { return lastError; }

    private synchronized void refreshIfDue() {
        long now = nanoTime.getAsLong();
        if (!stale || (readAt != 0 && now - readAt < minIntervalNanos)) return;
        stale = false;
        readAt = now == 0 ? 1 : now;
        try {
            byPid = read();
            lastError = null;
        } catch (WindowsApiException e) {
            lastError = e.getMessage();
        }
    }

    private Map<Long, List<String>> read() {
        SC_HANDLE scm = api.OpenSCManager(null, null, SC_MANAGER_ENUMERATE_SERVICE);
        if (scm == null) throw Win32Errors.failure(api.lastError(), "OpenSCManager", "cannot list the services", "an account allowed to enumerate services");
        try {
            Map<Long, List<String>> out = new HashMap<>();
            IntByReference resume = new IntByReference(0);
            int count = 0;
            int size = 0;
            while (true) {
                IntByReference needed = new IntByReference();
                IntByReference returned = new IntByReference();
                Memory buf = size == 0 ? null : new Memory(size);
                boolean ok = api.EnumServicesStatusEx(scm, Winsvc.SC_ENUM_PROCESS_INFO, WinNT_SERVICE_WIN32,
                        Winsvc.SERVICE_ACTIVE, buf, size, needed, returned, resume, null);
                int err = ok ? 0 : api.lastError();
                if (!ok && err != WinError.ERROR_MORE_DATA) {
                    throw Win32Errors.failure(err, "EnumServicesStatusExW", "cannot list the services", "an account allowed to enumerate services");
                }
                if (buf != null && returned.getValue() > 0) {
                    ENUM_SERVICE_STATUS_PROCESSW first = new ENUM_SERVICE_STATUS_PROCESSW(buf);
                    for (Structure s : first.toArray(Math.min(returned.getValue(), MAX_SERVICES))) {
                        ENUM_SERVICE_STATUS_PROCESSW e = (ENUM_SERVICE_STATUS_PROCESSW) s;
                        long pid = e.ServiceStatusProcess.dwProcessId & 0xFFFFFFFFL;
                        if (pid != 0 && e.lpServiceName != null && count++ < MAX_SERVICES) {
                            out.computeIfAbsent(pid, p -> new ArrayList<>()).add(utf16z(e.lpServiceName));
                        }
                    }
                }
                if (ok) break;
                // ERROR_MORE_DATA: the records that fit were returned, resume goes on from there; needed is the rest
                if (needed.getValue() <= 0 || needed.getValue() > MAX_BYTES || count >= MAX_SERVICES) break;
                size = Math.max(size, needed.getValue());
            }
            out.replaceAll((pid, names) -> names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
            return Map.copyOf(out);
        } finally {
            api.CloseServiceHandle(scm);
        }
    }

    /**
     * ENUM_SERVICE_STATUS_PROCESSW (winsvc.h) with the two names as Pointers read as UTF-16 ({@link #utf16z}):
     * jna-platform's Winsvc.ENUM_SERVICE_STATUS_PROCESS declares them String, whose decoding depends on the type
     * mapper and the platform's wchar_t (4 bytes off Windows), so its records could not be checked here. Its
     * SERVICE_STATUS_PROCESS (all DWORDs) is reused as is.
     */
    @Structure.FieldOrder({"lpServiceName", "lpDisplayName", "ServiceStatusProcess"})
    public static class ENUM_SERVICE_STATUS_PROCESSW extends Structure {
        public Pointer lpServiceName;
        public Pointer lpDisplayName;
        public Winsvc.SERVICE_STATUS_PROCESS ServiceStatusProcess;

        public ENUM_SERVICE_STATUS_PROCESSW() { }

        public ENUM_SERVICE_STATUS_PROCESSW(Pointer p) {
            super(p);
            read();
        }
    }

    /** Longest service name read (the SCM allows 256 characters). */
    static final int MAX_NAME = 1024;

    /** A NUL-terminated UTF-16LE string (Windows' WCHAR), at most {@link #MAX_NAME} characters. */
    static String utf16z(Pointer p) {
        StringBuilder sb = new StringBuilder();
        for (long off = 0; sb.length() < MAX_NAME; off += 2) {
            char c = (char) p.getShort(off);
            if (c == 0) break;
            sb.append(c);
        }
        return sb.toString();
    }

    /** winnt.h SERVICE_WIN32 = SERVICE_WIN32_OWN_PROCESS (0x10) | SERVICE_WIN32_SHARE_PROCESS (0x20). */
    static final int WinNT_SERVICE_WIN32 = 0x30;
}
