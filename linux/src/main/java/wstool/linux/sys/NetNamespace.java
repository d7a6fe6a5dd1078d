package wstool.linux.sys;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs code with the calling thread inside another network namespace (setns affects only the calling thread), then
 * moves the thread back. Sockets opened meanwhile stay in that namespace. Needs CAP_SYS_ADMIN.
 */
public final class NetNamespace {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private NetNamespace() {}

    /** {@code /run/netns/NAME}, where {@code ip netns add} puts named namespaces. */
    public static Path named(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a network namespace name: '" + name + "'");
        }
        return Path.of("/run/netns", name);
    }

    public static <T> T callIn(Path namespace, Callable<T> body) throws Exception {
        LibC libc = LibC.INSTANCE;
        int original = openNs(libc, "/proc/thread-self/ns/net");
        try {
            int target = openNs(libc, namespace.toString());
            try {
                libc.setns(target, CLONE_NEWNET);
            } catch (LastErrorException e) {
                throw new IOException("cannot enter network namespace " + namespace + ": " + Errno.name(e.getErrorCode()), e);
            } finally {
                libc.close(target);
            }
            try {
                return body.call();
            } finally {
                try {
                    libc.setns(original, CLONE_NEWNET);
                } catch (LastErrorException e) {
                    // the thread would keep running in the wrong namespace: better to fail loudly
                    throw new IllegalStateException("cannot return to the original network namespace: "
                            + Errno.name(e.getErrorCode()), e);
                }
            }
        } finally {
            libc.close(original);
        }
    }

    private static int openNs(LibC libc, String path) throws IOException {
        try {
            return libc.open(path, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + ": " + Errno.name(e.getErrorCode()), e);
        }
    }
}
