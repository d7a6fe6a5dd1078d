package wstool.core.sink;

import java.util.Map;
import java.util.stream.Collectors;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.net.Services;

/** Derived values that every human-facing output shows the same way. */
public final class EventFields {
    private EventFields() {}

    /**
     * The IANA service of the port that names the conversation: the local port for inbound traffic (what was
     * reached), the remote port otherwise. Null when unknown.
     */
    public static String service(NetEvent e) {
        EventHeader h = e.header();
        int port = e.direction() == Direction.IN && h.local().port() >= 0 ? h.local().port() : h.remote().port();
        if (port < 0 || h.ipProtocol() < 0) return null;
        return Services.iana().name(port, h.ipProtocol());
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
        return raw.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).collect(Collectors.joining("; "));
    }
}
