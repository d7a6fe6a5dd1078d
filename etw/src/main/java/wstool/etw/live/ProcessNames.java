package wstool.etw.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import wstool.win32.DevicePaths;

/**
 * PID to image path: from Kernel-Process start events when the session sees them, else asked once per PID of the
 * operating system ({@link ProcessHandle}); forgotten at the process's stop, so a later process that reuses the PID
 * is asked about afresh. One path form: Kernel-Process's ImageName is a device path
 * ({@code \Device\HarddiskVolume3\...}) where the handle look-up gives {@code C:\...}, so device paths are turned
 * into drive paths with the same converter WFP's app ids go through ({@link DevicePaths}). Used on the decode thread.
 */
public final class ProcessNames {

    private static final String UNKNOWN = "";
    private final LongFunction<Optional<String>> lookup;
    private final DevicePaths paths;
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    public ProcessNames(LongFunction<Optional<String>> lookup, DevicePaths paths) {
        this.lookup = lookup;
        this.paths = paths;
    }

    /** Looks PIDs up with {@code ProcessHandle.of(pid).info().command()}; this machine's drive letters. */
    public static ProcessNames system() {
        return new ProcessNames(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().command()), DevicePaths.system());
    }

    public void started(long pid, String image) {
        if (image != null && !image.isEmpty()) {
            names.put(pid, paths.preferDrivePath(image));
        }
    }

    public void stopped(long pid) {
        names.remove(pid);
    }

    /** The image path, or null when unknown. */
    public String name(long pid) {
        if (pid < 0) {
            return null;
        }
        String n = names.computeIfAbsent(pid, p -> lookup.apply(p).map(paths::preferDrivePath).orElse(UNKNOWN));
        return n.isEmpty() ? null : n;
    }

    /** The file-name part of a path with either separator. */
    public static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }
}
