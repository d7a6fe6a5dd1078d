package wstool.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/** The sockets of one process: open ones and recently closed ones (to catch use after close), both bounded. */
final class ProcessState {
    final long pid;
    String name;
    final LinkedHashMap<Long, SocketState> open;
    final LinkedHashMap<Long, SocketState> closed;

    ProcessState(long pid, String name, VerifierLimits limits, ObjLongConsumer<String> counter) {
        this.pid = pid;
        this.name = name;
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SocketState> eldest) {
                if (size() <= limits.maxOpenSocketsPerProcess()) return false;
                counter.accept("open sockets evicted (memory bound; later events on them show as WS003)", 1);
                return true;
            }
        };
        this.closed = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SocketState> eldest) {
                if (size() <= limits.maxClosedSocketsPerProcess()) return false;
                counter.accept("closed sockets forgotten (memory bound; use after close on them is not detected)", 1);
                return true;
            }
        };
    }
}
