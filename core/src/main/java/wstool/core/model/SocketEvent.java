package wstool.core.model;

/**
 * A socket call or socket-level notification.
 *
 * @param endpointId AFD endpoint / kernel socket id, or Linux fd; -1 when unknown
 * @param family address family (2 AF_INET, 23 AF_INET6 on Windows, 10 on Linux), -1 when unknown
 * @param socketType SOCK_STREAM=1, SOCK_DGRAM=2, ... -1 when unknown
 * @param bufferLength bytes posted by the caller (send/recv request), -1 when unknown
 * @param bytes bytes transferred, -1 when unknown
 * @param status NTSTATUS / errno result, 0 = success
 * @param statusName symbolic name of {@code status} (STATUS_SUCCESS, ECONNREFUSED, ...), may be null
 */
public record SocketEvent(EventHeader header, SocketOp op, CallPhase phase, Direction direction,
                          long endpointId, int family, int socketType,
                          long bufferLength, long bytes, long status, String statusName)
        implements NetEvent {
    public SocketEvent {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(op, "op");
        phase = phase == null ? CallPhase.SINGLE : phase;
        direction = direction == null ? Direction.UNKNOWN : direction;
    }

    public boolean failed() { return status != 0; }

    @Override public String kind() { return op.name(); }
    @Override public EventClass eventClass() { return EventClass.SOCKET; }
    @Override public SocketEvent withHeader(EventHeader h) {
        return new SocketEvent(h, op, phase, direction, endpointId, family, socketType, bufferLength, bytes, status, statusName);
    }
}
