package wstool.etw.decode;

import java.util.Map;

/** Names of the Win32 / WSA / DNS codes that Winsock name resolution and the DNS client report (winerror.h, winsock2.h). */
final class WinsockStatus {
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0L, "SUCCESS"),
            Map.entry(8L, "WSA_NOT_ENOUGH_MEMORY"),
            Map.entry(87L, "ERROR_INVALID_PARAMETER"),
            Map.entry(1460L, "ERROR_TIMEOUT"),
            Map.entry(10022L, "WSAEINVAL"),
            Map.entry(10047L, "WSAEAFNOSUPPORT"),
            Map.entry(10060L, "WSAETIMEDOUT"),
            Map.entry(10093L, "WSANOTINITIALISED"),
            Map.entry(10109L, "WSATYPE_NOT_FOUND"),
            Map.entry(11001L, "WSAHOST_NOT_FOUND"),
            Map.entry(11002L, "WSATRY_AGAIN"),
            Map.entry(11003L, "WSANO_RECOVERY"),
            Map.entry(11004L, "WSANO_DATA"),
            Map.entry(9001L, "DNS_ERROR_RCODE_FORMAT_ERROR"),
            Map.entry(9002L, "DNS_ERROR_RCODE_SERVER_FAILURE"),
            Map.entry(9003L, "DNS_ERROR_RCODE_NAME_ERROR"),
            Map.entry(9005L, "DNS_ERROR_RCODE_REFUSED"),
            Map.entry(9501L, "DNS_INFO_NO_RECORDS"));

    private WinsockStatus() {}

    static String name(long code) {
        String n = NAMES.get(code);
        return n != null ? n : Long.toString(code);
    }
}
