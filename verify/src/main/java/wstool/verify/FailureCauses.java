package wstool.verify;

import java.util.Map;

/** The usual reason behind a failed socket call's status, for the one-line explanation of WS004. */
final class FailureCauses {
    private static final String REFUSED = "nothing listens on the remote port, or a firewall rejects the connection";
    private static final String TIMEOUT = "the peer or the path to it does not answer (host down, filtered, overloaded)";
    private static final String RESET = "the peer reset the connection (it crashed, closed with unread data, or a middlebox cut it)";
    private static final String ABORTED = "the connection was aborted locally (closesocket with pending I/O, keep-alive failure or a firewall)";
    private static final String UNREACHABLE = "no route to the destination (network down, wrong address, or blocked by routing)";
    private static final String IN_USE = "the local address/port is already in use by another socket";
    private static final String CANCELLED = "pending calls cancelled, usually by closesocket/CancelIo while they waited";
    private static final String BAD_HANDLE = "the socket handle/fd is not valid: already closed or never a socket";

    private static final Map<String, String> CAUSES = Map.ofEntries(
            Map.entry("STATUS_CONNECTION_REFUSED", REFUSED), Map.entry("STATUS_REMOTE_NOT_LISTENING", REFUSED),
            Map.entry("ECONNREFUSED", REFUSED), Map.entry("WSAECONNREFUSED", REFUSED),
            Map.entry("STATUS_IO_TIMEOUT", TIMEOUT), Map.entry("STATUS_TIMEOUT", TIMEOUT), Map.entry("ETIMEDOUT", TIMEOUT),
            Map.entry("WSAETIMEDOUT", TIMEOUT),
            Map.entry("STATUS_CONNECTION_RESET", RESET), Map.entry("STATUS_REMOTE_DISCONNECT", RESET),
            Map.entry("ECONNRESET", RESET), Map.entry("WSAECONNRESET", RESET), Map.entry("EPIPE", RESET),
            Map.entry("STATUS_CONNECTION_ABORTED", ABORTED), Map.entry("STATUS_LOCAL_DISCONNECT", ABORTED),
            Map.entry("STATUS_REQUEST_ABORTED", ABORTED), Map.entry("ECONNABORTED", ABORTED), Map.entry("WSAECONNABORTED", ABORTED),
            Map.entry("STATUS_NETWORK_UNREACHABLE", UNREACHABLE), Map.entry("STATUS_HOST_UNREACHABLE", UNREACHABLE),
            Map.entry("STATUS_PROTOCOL_UNREACHABLE", UNREACHABLE), Map.entry("STATUS_PORT_UNREACHABLE", UNREACHABLE),
            Map.entry("ENETUNREACH", UNREACHABLE), Map.entry("EHOSTUNREACH", UNREACHABLE),
            Map.entry("STATUS_ADDRESS_ALREADY_EXISTS", IN_USE), Map.entry("EADDRINUSE", IN_USE), Map.entry("WSAEADDRINUSE", IN_USE),
            Map.entry("STATUS_CANCELLED", CANCELLED), Map.entry("ECANCELED", CANCELLED),
            Map.entry("STATUS_INVALID_HANDLE", BAD_HANDLE), Map.entry("EBADF", BAD_HANDLE), Map.entry("ENOTSOCK", BAD_HANDLE),
            Map.entry("STATUS_ACCESS_DENIED", "access denied: a firewall/filter driver or missing privilege (ports below 1024, raw sockets)"),
            Map.entry("EACCES", "access denied: a firewall rule or missing privilege (ports below 1024, broadcast)"),
            Map.entry("EPERM", "operation not permitted: blocked by a firewall rule or missing privilege"),
            Map.entry("STATUS_BUFFER_OVERFLOW", "a datagram was larger than the receive buffer and was truncated"),
            Map.entry("EMSGSIZE", "the message is too large for the socket or the path MTU"));

    private FailureCauses() {}

    static String likelyCause(String statusName) {
        String c = CAUSES.get(statusName);
        return c != null ? c : "see the status code's documentation";
    }
}
