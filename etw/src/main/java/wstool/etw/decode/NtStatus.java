package wstool.etw.decode;

import java.util.HashMap;
import java.util.Map;

/** Names of the NTSTATUS codes that the network stack (AFD, TCP/IP) returns; values from ntstatus.h. */
final class NtStatus {
    private static final Map<Long, String> NAMES = new HashMap<>();

    static {
        put(0x00000000L, "STATUS_SUCCESS");
        put(0x00000102L, "STATUS_TIMEOUT");
        put(0x00000103L, "STATUS_PENDING");
        put(0x80000005L, "STATUS_BUFFER_OVERFLOW");
        put(0xC0000008L, "STATUS_INVALID_HANDLE");
        put(0xC000000DL, "STATUS_INVALID_PARAMETER");
        put(0xC0000017L, "STATUS_NO_MEMORY");
        put(0xC0000022L, "STATUS_ACCESS_DENIED");
        put(0xC0000023L, "STATUS_BUFFER_TOO_SMALL");
        put(0xC000009AL, "STATUS_INSUFFICIENT_RESOURCES");
        put(0xC00000A3L, "STATUS_DEVICE_NOT_READY");
        put(0xC00000B5L, "STATUS_IO_TIMEOUT");
        put(0xC00000BBL, "STATUS_NOT_SUPPORTED");
        put(0xC00000BCL, "STATUS_REMOTE_NOT_LISTENING");
        put(0xC00000BEL, "STATUS_BAD_NETWORK_PATH");
        put(0xC00000BFL, "STATUS_NETWORK_BUSY");
        put(0xC0000120L, "STATUS_CANCELLED");
        put(0xC000013BL, "STATUS_LOCAL_DISCONNECT");
        put(0xC000013CL, "STATUS_REMOTE_DISCONNECT");
        put(0xC0000140L, "STATUS_INVALID_CONNECTION");
        put(0xC0000141L, "STATUS_INVALID_ADDRESS");
        put(0xC0000184L, "STATUS_INVALID_DEVICE_STATE");
        put(0xC0000206L, "STATUS_INVALID_BUFFER_SIZE");
        put(0xC0000207L, "STATUS_INVALID_ADDRESS_COMPONENT");
        put(0xC0000209L, "STATUS_TOO_MANY_ADDRESSES");
        put(0xC000020AL, "STATUS_ADDRESS_ALREADY_EXISTS");
        put(0xC000020BL, "STATUS_ADDRESS_CLOSED");
        put(0xC000020CL, "STATUS_CONNECTION_DISCONNECTED");
        put(0xC000020DL, "STATUS_CONNECTION_RESET");
        put(0xC000021BL, "STATUS_DATA_NOT_ACCEPTED");
        put(0xC0000225L, "STATUS_NOT_FOUND");
        put(0xC000022DL, "STATUS_RETRY");
        put(0xC0000236L, "STATUS_CONNECTION_REFUSED");
        put(0xC0000237L, "STATUS_GRACEFUL_DISCONNECT");
        put(0xC000023AL, "STATUS_CONNECTION_INVALID");
        put(0xC000023BL, "STATUS_CONNECTION_ACTIVE");
        put(0xC000023CL, "STATUS_NETWORK_UNREACHABLE");
        put(0xC000023DL, "STATUS_HOST_UNREACHABLE");
        put(0xC000023EL, "STATUS_PROTOCOL_UNREACHABLE");
        put(0xC000023FL, "STATUS_PORT_UNREACHABLE");
        put(0xC0000240L, "STATUS_REQUEST_ABORTED");
        put(0xC0000241L, "STATUS_CONNECTION_ABORTED");
        put(0xC000A012L, "STATUS_HOPLIMIT_EXCEEDED");
    }

    private NtStatus() {}

    private static void put(long code, String name) { NAMES.put(code, name); }

    /** Symbolic name, or "0x%08X" for a code not in the table. */
    public static String name(long status) {
        long s = status & 0xFFFFFFFFL;
        String n = NAMES.get(s);
        return n != null ? n : String.format("0x%08X", s);
    }

    /** Whether the code is in the table. */
    public static boolean known(long status) { return NAMES.containsKey(status & 0xFFFFFFFFL); }
}
