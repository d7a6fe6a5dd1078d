package wstool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may open kernel sessions: Administrator on Windows, root or CAP_NET_ADMIN on Linux. */
public final class Privileges {
    private static final int CAP_NET_ADMIN = 12;

    private Privileges() {}

    public static String describe() {
        if (DataDirs.isWindows()) {
            try {
                return com.sun.jna.platform.win32.Advapi32Util.isCurrentProcessElevated()
                        ? "Administrator" : "not Administrator (firewall and trace need an elevated prompt)";
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return "unknown (no /proc)";
        try {
            long uid = -1;
            long capEff = 0;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) uid = Long.parseLong(line.split("\\s+")[2]);
                if (line.startsWith("CapEff:")) capEff = Long.parseUnsignedLong(line.split("\\s+")[1], 16);
            }
            if (uid == 0) return "root";
            return (capEff & (1L << CAP_NET_ADMIN)) != 0 ? "uid " + uid + " with CAP_NET_ADMIN"
                    : "uid " + uid + " without CAP_NET_ADMIN (firewall and trace need root)";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
