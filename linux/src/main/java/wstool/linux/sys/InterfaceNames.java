package wstool.linux.sys;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * ifindex → interface name via if_indextoname, cached. Interfaces can be renamed or re-created with a reused index;
 * the cache is dropped every {@value #REFRESH_MILLIS} ms so names stay current without a syscall per packet.
 * Must be used from a thread in the same network namespace as the packets' interfaces.
 */
public final class InterfaceNames implements IntFunction<String> {
    private static final long REFRESH_MILLIS = 5_000;
    private final ConcurrentHashMap<Integer, String> cache = new ConcurrentHashMap<>();
    private volatile long refreshedAt = System.currentTimeMillis();

    @Override
    public String apply(int ifindex) {
        long now = System.currentTimeMillis();
        if (now - refreshedAt > REFRESH_MILLIS) {
            cache.clear();
            refreshedAt = now;
        }
        return cache.computeIfAbsent(ifindex, InterfaceNames::lookup);
    }

    private static String lookup(int ifindex) {
        byte[] buf = new byte[16];
        Pointer p = LibC.INSTANCE.if_indextoname(ifindex, buf);
        if (p == null) return null;
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
