package wstool.core.sink;

import java.util.Map;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.net.Services;

/** Derived values that every human-facing output shows the same way. */
public final class EventFields {
    private static final int DYNAMIC_PORTS = 49152;

    private EventFields() {}

    /**
     * The IANA service of the conversation: of the two ports, the lower one below the dynamic range (49152) that
     * has a registered name; ephemeral client ports are thereby skipped in either direction. Null when none.
     */
    public static String service(NetEvent e) {
        EventHeader h = e.header();
        if (h.ipProtocol() < 0) return null;
        int a = h.local().port();
        int b = h.remote().port();
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        String name = lo >= 0 ? registered(lo, h.ipProtocol()) : null;
        return name != null ? name : registered(hi, h.ipProtocol());
    }

    private static String registered(int port, int protocol) {
        return port >= 0 && port < DYNAMIC_PORTS ? Services.iana().name(port, protocol) : null;
    }

    /** Raw source fields as "k=v; k=v" (RawEvent adds provider, id, version and payload). */
    public static String details(NetEvent e) {
        String raw = joined(e.header().raw());
        if (e instanceof RawEvent r) {
            String head = "provider=" + r.provider() + "; id=" + r.eventId() + "; version=" + r.version()
                    + "; payload=" + r.payloadHex();
            return raw.isEmpty() ? head : head + "; " + raw;
        }
        return raw;
    }

    private static String joined(Map<String, String> raw) {
        if (raw.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(raw.size() * 24);
        for (Map.Entry<String, String> en : raw.entrySet()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(en.getKey()).append('=').append(en.getValue());
        }
        return sb.toString();
    }
}
