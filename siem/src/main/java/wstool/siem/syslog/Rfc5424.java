package wstool.siem.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;

/**
 * RFC 5424 messages: {@code <PRI>1 TIMESTAMP HOSTNAME ws_tool PROCID MSGID - MSG}, facility 13 (log audit),
 * severity warning for firewall drops and failed calls, informational otherwise; no structured data. Header fields
 * are printable US-ASCII as the RFC requires (anything else becomes '?', an absent one '-'), at most the RFC's
 * lengths (HOSTNAME 255, APP-NAME 48, PROCID 128, MSGID 32).
 */
final class Rfc5424 {
    static final String APP_NAME = "ws_tool";
    private static final int FACILITY_LOG_AUDIT = 13;
    private static final int WARNING = 4;
    private static final int INFORMATIONAL = 6;

    private Rfc5424() {}

    static int severity(NetEvent e) {
        if (e instanceof FirewallEvent f && f.type().isDrop()) return WARNING;
        if (e instanceof SocketEvent s && s.failed()) return WARNING;
        return INFORMATIONAL;
    }

    /** A message and whether its MSG had to be cut to the size limit. */
    record Message(byte[] bytes, boolean cut) {}

    /** The whole message, MSG cut so that it fits {@code maxBytes} (on a UTF-8 character boundary). */
    static Message message(NetEvent e, String procId, String msg, int maxBytes) {
        Instant t = e.header().timestamp();
        String head = "<" + (FACILITY_LOG_AUDIT * 8 + severity(e)) + ">1 " + timestamp(t) + " "
                + field(e.header().host(), 255) + " " + APP_NAME + " " + field(procId, 128) + " "
                + field(e.eventClass().name().toLowerCase(java.util.Locale.ROOT), 32) + " - ";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] m = msg.getBytes(StandardCharsets.UTF_8);
        int room = Math.max(0, maxBytes - h.length);
        int len = Math.min(m.length, room);
        while (len < m.length && len > 0 && (m[len] & 0xC0) == 0x80) len--; // do not split a UTF-8 sequence
        byte[] out = new byte[h.length + len];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(m, 0, out, h.length, len);
        return new Message(out, len < m.length);
    }

    /** RFC 5424 TIMESTAMP: RFC 3339 in UTC with at most 6 fractional digits. */
    static String timestamp(Instant t) {
        Instant micro = t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return micro.toString();
    }

    static String field(String value, int max) {
        if (value == null || value.isEmpty()) return "-";
        StringBuilder sb = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && sb.length() < max; i++) {
            char c = value.charAt(i);
            sb.append(c >= 33 && c <= 126 ? c : '?');
        }
        return sb.toString();
    }
}
