package wstool.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DevicePathsTest {
    final AtomicLong clock = new AtomicLong();
    final AtomicInteger queries = new AtomicInteger();
    final DevicePaths paths = new DevicePaths(() -> {
        queries.incrementAndGet();
        return Map.of("C:", "\\Device\\HarddiskVolume3", "D:", "\\Device\\HarddiskVolume10");
    }, clock::get, Duration.ofSeconds(60));

    @Test
    void kernelProcessAndWfpFormsBothBecomeDrivePaths() {
        // Kernel-Process ImageName keeps the device's case, WFP app ids are lower case
        assertEquals("C:\\Windows\\System32\\svchost.exe",
                paths.drivePath("\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe"));
        assertEquals("C:\\windows\\system32\\svchost.exe",
                paths.drivePath("\\device\\harddiskvolume3\\windows\\system32\\svchost.exe"));
    }

    @Test
    void volumeNumbersDoNotMatchByPrefix() {
        assertEquals("D:\\x.exe", paths.drivePath("\\device\\harddiskvolume10\\x.exe"));
        assertNull(paths.drivePath("\\device\\harddiskvolume1\\x.exe"));
        assertNull(paths.drivePath("\\Device\\HarddiskVolume3"));
    }

    @Test
    void otherFormsAreLeftAlone() {
        assertNull(paths.drivePath("System"));
        assertNull(paths.drivePath("C:\\Windows\\notepad.exe"));
        assertNull(paths.drivePath(null));
        assertEquals("C:\\Windows\\notepad.exe", paths.preferDrivePath("C:\\Windows\\notepad.exe"));
        assertEquals("\\Device\\Mup\\server\\share\\a.exe", paths.preferDrivePath("\\Device\\Mup\\server\\share\\a.exe"));
    }

    @Test
    void tableRefreshedOnlyAfterItsTimeToLive() {
        paths.drivePath("\\device\\harddiskvolume3\\a");
        paths.drivePath("\\device\\harddiskvolume3\\b");
        assertEquals(1, queries.get());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        paths.drivePath("\\device\\harddiskvolume3\\c");
        assertEquals(2, queries.get());
    }
}
