package wstool.linux.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * uid → user name from /etc/passwd (re-read when it changes). Users only known to NSS (LDAP, sssd) stay numeric:
 * calling getpwuid per packet from a capture loop is not worth the risk of a blocking network lookup.
 */
public final class UserNames implements LongFunction<String> {
    private final Path passwd;
    private Map<Long, String> names = Map.of();
    private long loadedModified = Long.MIN_VALUE;
    private long checkedAt;

    public UserNames() { this(Path.of("/etc/passwd")); }

    public UserNames(Path passwd) { this.passwd = passwd; }

    @Override
    public synchronized String apply(long uid) {
        long now = System.currentTimeMillis();
        if (now - checkedAt > 5_000 || loadedModified == Long.MIN_VALUE) {
            checkedAt = now;
            try {
                long modified = Files.getLastModifiedTime(passwd).toMillis();
                if (modified != loadedModified) {
                    names = parse(Files.readAllLines(passwd, StandardCharsets.UTF_8));
                    loadedModified = modified;
                }
            } catch (IOException e) {
                loadedModified = 0; // unreadable: keep numeric ids, try again later
            }
        }
        return names.get(uid);
    }

    /** name:password:uid:... lines; malformed lines are skipped. */
    static Map<Long, String> parse(List<String> lines) {
        Map<Long, String> out = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty()) continue;
            try {
                out.putIfAbsent(Long.parseLong(f[2]), f[0]);
            } catch (NumberFormatException ignored) {
                // not a passwd entry
            }
        }
        return out;
    }
}
