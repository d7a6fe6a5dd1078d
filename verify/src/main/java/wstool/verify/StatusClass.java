package wstool.verify;

import java.util.Set;
import wstool.core.model.SocketEvent;
import wstool.core.model.Source;

/**
 * What a call's result means. NTSTATUS (ETW sources, names STATUS_*): success and informational codes (severity bits
 * 00/01, e.g. STATUS_PENDING) are not failures; warning and error codes are. Other sources (Linux errno): any
 * non-zero status is a failure. Would-block results of non-blocking sockets are not failures either.
 */
enum StatusClass {
    SUCCESS, WOULD_BLOCK, FAILURE;

    private static final Set<String> WOULD_BLOCK_NAMES = Set.of(
            "STATUS_DEVICE_NOT_READY", "STATUS_CANT_WAIT", "WSAEWOULDBLOCK", "WSAEINPROGRESS",
            "EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EALREADY");

    static StatusClass of(SocketEvent e) {
        if (e.status() == 0) return SUCCESS;
        String name = e.statusName();
        if (name != null && WOULD_BLOCK_NAMES.contains(name)) return WOULD_BLOCK;
        if (isNtStatus(e)) return (e.status() & 0x80000000L) == 0 ? SUCCESS : FAILURE;
        return FAILURE;
    }

    private static boolean isNtStatus(SocketEvent e) {
        if (e.statusName() != null && e.statusName().startsWith("STATUS_")) return true;
        Source s = e.header().source();
        return s == Source.ETW_AFD || s == Source.ETW_KERNEL_NETWORK || s == Source.ETW_TCPIP || s == Source.ETW_OTHER;
    }

    /** The status as people read it: its name, or the number. */
    static String name(SocketEvent e) {
        if (e.statusName() != null && !e.statusName().isBlank()) return e.statusName();
        return isNtStatus(e) ? String.format("0x%08X", e.status() & 0xFFFFFFFFL) : "status " + e.status();
    }
}
