package wstool.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import wstool.winlayout.MingwProbe;

/**
 * PID to services through a fake advapi32 that lays out ENUM_SERVICE_STATUS_PROCESSW records at Windows x64 offsets
 * (lpServiceName @0, lpDisplayName @8, ServiceStatusProcess @16 with dwProcessId @44; 56 bytes each; the strings
 * after the array in the same buffer), answering the first call with ERROR_MORE_DATA and the size needed as Windows
 * does.
 */
class ServiceNamesTest {
    record Svc(String name, String display, int pid) { }

    static final class FakeAdvapi implements ServiceNames.Api {
        final List<String> calls = new ArrayList<>();
        List<Svc> services = new ArrayList<>();
        int lastError;
        boolean openFails;

        @Override public SC_HANDLE OpenSCManager(String machine, String database, int access) {
            calls.add("OpenSCManager(" + access + ")");
            if (openFails) {
                lastError = WinError.ERROR_ACCESS_DENIED;
                return null;
            }
            SC_HANDLE h = new SC_HANDLE();
            h.setPointer(new Memory(8));
            return h;
        }

        @Override public boolean EnumServicesStatusEx(SC_HANDLE manager, int infoLevel, int serviceType, int serviceState,
                                                      Pointer buf, int bufSize, IntByReference bytesNeeded,
                                                      IntByReference returned, IntByReference resumeHandle, String group) {
            calls.add("EnumServicesStatusEx(" + infoLevel + "," + serviceType + "," + serviceState + "," + bufSize + ")");
            int strings = 0;
            for (Svc s : services) strings += 2 * (s.name().length() + 1) + 2 * (s.display().length() + 1);
            int need = 56 * services.size() + strings;
            if (bufSize < need) {
                bytesNeeded.setValue(need);
                returned.setValue(0);
                lastError = WinError.ERROR_MORE_DATA;
                return false;
            }
            long str = 56L * services.size();
            for (int i = 0; i < services.size(); i++) {
                Svc s = services.get(i);
                long rec = 56L * i;
                buf.setPointer(rec, buf.share(str));
                str = putUtf16(buf, str, s.name());
                buf.setPointer(rec + 8, buf.share(str));
                str = putUtf16(buf, str, s.display());
                buf.setInt(rec + 16, s.pid() == 0 ? 0x10 : 0x20); // dwServiceType
                buf.setInt(rec + 20, 4); // SERVICE_RUNNING
                buf.setInt(rec + 44, s.pid()); // dwProcessId
            }
            returned.setValue(services.size());
            resumeHandle.setValue(0);
            return true;
        }

        private static long putUtf16(Pointer buf, long at, String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
            buf.write(at, b, 0, b.length);
            return at + b.length;
        }

        @Override public boolean CloseServiceHandle(SC_HANDLE handle) {
            calls.add("CloseServiceHandle");
            return true;
        }

        @Override public int lastError() { return lastError; }
    }

    final FakeAdvapi fake = new FakeAdvapi();
    final AtomicLong clock = new AtomicLong(1);
    final ServiceNames names = new ServiceNames(fake, clock::get, Duration.ofSeconds(2));

    @Test
    void twoServicesInOneSvchost() {
        fake.services = new ArrayList<>(List.of(new Svc("Dnscache", "DNS Client", 1234),
                new Svc("CryptSvc", "Cryptographic Services", 1234), new Svc("Spooler", "Print Spooler", 2000)));
        assertEquals(List.of("CryptSvc", "Dnscache"), names.services(1234));
        assertEquals("C:\\Windows\\System32\\svchost.exe (CryptSvc, Dnscache)",
                names.decorate(1234, "C:\\Windows\\System32\\svchost.exe"));
        assertEquals("C:\\Windows\\System32\\spoolsv.exe (Spooler)", names.decorate(2000, "C:\\Windows\\System32\\spoolsv.exe"));
        assertEquals("C:\\Tools\\nc.exe", names.decorate(77, "C:\\Tools\\nc.exe"));
        // SC_ENUM_PROCESS_INFO (0), SERVICE_WIN32 (0x30 = 48), SERVICE_ACTIVE (1); the size asked for, then the read
        assertEquals(List.of("OpenSCManager(4)", "EnumServicesStatusEx(0,48,1,0)", "EnumServicesStatusEx(0,48,1,"
                + (56 * 3 + 2 * ("Dnscache DNS Client CryptSvc Cryptographic Services Spooler Print Spooler ".length())) + ")",
                "CloseServiceHandle"), fake.calls);
    }

    @Test
    void readAgainAfterAProcessStartNotMoreThanOncePerInterval() {
        fake.services = new ArrayList<>(List.of(new Svc("Dnscache", "DNS Client", 1234)));
        assertEquals(List.of("Dnscache"), names.services(1234));
        names.services(1234);
        assertEquals(1, opens(), "read again without a process start");
        fake.services.add(new Svc("W32Time", "Windows Time", 4321));
        names.processStarted(4321);
        assertEquals(List.of(), names.services(4321), "read again within the interval");
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(List.of("W32Time"), names.services(4321));
        assertEquals(2, opens());
    }

    @Test
    void failureKeepsTheOldTableAndSaysWhy() {
        fake.services = new ArrayList<>(List.of(new Svc("Dnscache", "DNS Client", 1234)));
        names.services(1234);
        fake.openFails = true;
        names.processStarted(9);
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(List.of("Dnscache"), names.services(1234));
        assertNotNull(names.lastError());
        assertTrue(names.lastError().contains("OpenSCManager"), names.lastError());
    }

    @Test
    void noneKnowsNothing() {
        assertEquals("svchost.exe", ServiceNames.NONE.decorate(1234, "svchost.exe"));
    }

    @Test
    void enumServiceStatusProcessMatchesWindowsX64() {
        assertEquals(56, new ServiceNames.ENUM_SERVICE_STATUS_PROCESSW().size());
        assumeTrue(MingwProbe.compiler().isPresent(), MingwProbe.missingMessage());
        MingwProbe.create().include("windows.h").include("winsvc.h")
                .expect(new ServiceNames.ENUM_SERVICE_STATUS_PROCESSW(), "ENUM_SERVICE_STATUS_PROCESSW")
                .assertPasses();
    }

    private long opens() {
        return fake.calls.stream().filter(c -> c.startsWith("OpenSCManager")).count();
    }
}
