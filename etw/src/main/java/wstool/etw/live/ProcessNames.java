package wstool.etw.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * PID to image path: from Kernel-Process start events when the session sees them, else asked once per PID of the
 * operating system ({@link ProcessHandle}). Used on the decode thread.
 */
public final class ProcessNames {

    private static final String UNKNOWN = "";
    private final LongFunction<Optional<String>> lookup;
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    public ProcessNames(LongFunction<Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Looks PIDs up with {@code ProcessHandle.of(pid).info().command()}. */
    public static ProcessNames system() {
        return new ProcessNames(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().command()));
    }

    public void started(long pid, String image) {
        if (image != null && !image.isEmpty()) {
            names.put(pid, image);
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
        String n = names.computeIfAbsent(pid, p -> lookup.apply(p).orElse(UNKNOWN));
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
