package wstool.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of the machine this runs on, as its own OS names it (no DNS look-up unless nothing else answers). */
public final class LocalHost {
    private LocalHost() {}

    /** Windows: %COMPUTERNAME%; Linux: the kernel's host name; else Java's local host name; null when none. */
    public static String name() {
        String n = System.getenv("COMPUTERNAME");
        if (n != null && !n.isBlank()) return n.trim();
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                n = Files.readString(kernel).trim();
                if (!n.isEmpty()) return n;
            }
        } catch (IOException ignored) {
            // fall through to Java's answer
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
