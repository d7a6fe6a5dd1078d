package wstool.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowsNamesTest {
    final FakeFwpuclnt fake = new FakeFwpuclnt();
    final AtomicLong clock = new AtomicLong();
    final AtomicInteger dosCalls = new AtomicInteger();
    final AtomicInteger sidCalls = new AtomicInteger();
    final WindowsNames names = new WindowsNames(fake, fake.engine, new wstool.win32.DevicePaths(() -> {
        dosCalls.incrementAndGet();
        return Map.of("C:", "\\Device\\HarddiskVolume3", "D:", "\\Device\\HarddiskVolume10");
    }, clock::get, Duration.ofSeconds(60)), sid -> {
        sidCalls.incrementAndGet();
        return sid.equals("S-1-5-21-9-9-9-500") ? "HOST\\Administrator" : null;
    }, clock::get, Duration.ofSeconds(60));

    @Test
    void filterAndLayerNamesCachedUntilExpiry() {
        fake.filterNames.put(66241L, "Quarantine Default");
        fake.layerNames.put(44, "ALE Receive/Accept v4 Layer");
        assertEquals("Quarantine Default", names.filterName(66241));
        assertEquals("Quarantine Default", names.filterName(66241));
        assertEquals(1, fake.filterLookups.get());
        assertNull(names.filterName(5)); // not found: cached miss
        assertNull(names.filterName(5));
        assertEquals(2, fake.filterLookups.get());
        fake.filterNames.put(66241L, "Renamed");
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals("Renamed", names.filterName(66241));
        assertEquals("ALE Receive/Accept v4 Layer", names.layerName(44));
        assertNull(names.layerName(999));
        assertTrue(fake.outstanding.isEmpty(), "FWPM_FILTER0/LAYER0 not freed");
    }

    @Test
    void devicePathToDrivePath() {
        assertEquals("C:\\Windows\\System32\\svchost.exe",
                names.drivePath("\\device\\harddiskvolume3\\Windows\\System32\\svchost.exe"));
        // volume10 must not match volume1's prefix and vice versa
        assertEquals("D:\\x.exe", names.drivePath("\\device\\harddiskvolume10\\x.exe"));
        assertNull(names.drivePath("\\device\\harddiskvolume1\\x.exe"));
        assertNull(names.drivePath("System"));
        assertEquals(1, dosCalls.get());
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        names.drivePath("\\device\\harddiskvolume3\\a");
        assertEquals(2, dosCalls.get());
    }

    @Test
    void accountsCachedAndWellKnownFallback() {
        assertEquals("HOST\\Administrator", names.account("S-1-5-21-9-9-9-500"));
        assertEquals("HOST\\Administrator", names.account("S-1-5-21-9-9-9-500"));
        assertEquals(1, sidCalls.get());
        assertEquals("NT AUTHORITY\\SYSTEM", names.account("S-1-5-18"));
        assertNull(names.account("S-1-5-21-1-1-1-1"));
    }
}
