package wstool.win32;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Kernel32;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Kernel device paths ({@code \Device\HarddiskVolume3\Windows\System32\svchost.exe}, as WFP app ids and
 * Kernel-Process ImageName carry them) to drive paths ({@code C:\Windows\System32\svchost.exe}, as process handles
 * and users know them), from the DOS device table (QueryDosDevice for each drive letter; refreshed after a time to
 * live, so a drive mounted later is learnt). One converter for the ETW and WFP backends: the same process reads the
 * same in both. The device name is matched without regard to case (WFP writes it in lower case), the rest of the
 * path is kept as given. Safe from any thread.
 */
public final class DevicePaths {
    private static final String DEVICE = "\\device\\";

    private final Supplier<Map<String, String>> dosDevices;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private volatile Map<String, String> drives; // lower-case device name to drive ("c:")
    private volatile long expiresAt;

    /**
     * @param dosDevices drive ("C:") to device ("\Device\HarddiskVolume3"), as QueryDosDevice reports them
     */
    public DevicePaths(Supplier<Map<String, String>> dosDevices, LongSupplier nanoTime, Duration ttl) {
        this.dosDevices = dosDevices;
        this.nanoTime = nanoTime;
        this.ttlNanos = ttl.toNanos();
    }

    /** This machine's DOS devices, refreshed every five minutes (none off Windows). */
    public static DevicePaths system() {
        return new DevicePaths(DevicePaths::queryDosDevices, System::nanoTime, Duration.ofMinutes(5));
    }

    /** The drive path for a device path, or null when {@code path} is not one or its device has no drive letter. */
    public String drivePath(String path) {
        if (path == null || !path.regionMatches(true, 0, DEVICE, 0, DEVICE.length())) {
            return null;
        }
        int cut = path.indexOf('\\', DEVICE.length());
        if (cut < 0) {
            return null;
        }
        String drive = table().get(path.substring(0, cut).toLowerCase(Locale.ROOT));
        return drive == null ? null : drive + path.substring(cut);
    }

    /** The drive path when {@code path} is a device path that has one, else {@code path} unchanged. */
    public String preferDrivePath(String path) {
        String drive = drivePath(path);
        return drive != null ? drive : path;
    }

    private Map<String, String> table() {
        long now = nanoTime.getAsLong();
        Map<String, String> map = drives;
        if (map == null || now - expiresAt >= 0) {
            Map<String, String> fresh = new HashMap<>();
            dosDevices.get().forEach((drive, device) -> fresh.put(device.toLowerCase(Locale.ROOT), drive));
            drives = map = Map.copyOf(fresh);
            expiresAt = now + ttlNanos;
        }
        return map;
    }

    /** "C:" to "\Device\HarddiskVolume3" for every drive letter that has a DOS device (QueryDosDeviceW). */
    public static Map<String, String> queryDosDevices() {
        Map<String, String> out = new HashMap<>();
        if (!Platform.isWindows()) {
            return out;
        }
        char[] buf = new char[1024];
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            String drive = letter + ":";
            int n = Kernel32.INSTANCE.QueryDosDevice(drive, buf, buf.length);
            if (n > 0) {
                int end = 0;
                while (end < n && buf[end] != 0) {
                    end++;
                }
                out.put(drive, new String(buf, 0, end)); // the first of the NUL-separated targets is the current one
            }
        }
        return out;
    }
}
