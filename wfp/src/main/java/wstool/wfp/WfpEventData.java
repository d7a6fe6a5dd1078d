package wstool.wfp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;

/**
 * The fields of one WFP net event, filled by either decoder (netsh XML or the native structures) and turned into a
 * {@link FirewallEvent} in one place, so both paths name and map fields the same way. Unset fields stay null / -1.
 */
public final class WfpEventData {
    public Instant timestamp;
    /** FWPM_NET_EVENT_FLAG_* bits; only fields whose bit is set were filled. */
    public int flags;
    public int ipProtocol = -1;
    public InetAddress localAddr, remoteAddr;
    public int localPort = -1, remotePort = -1;
    /** The app id as the kernel reports it (\device\harddiskvolumeN\...), without the terminating NUL. */
    public String appId;
    public String userSid;
    public FirewallEventType type;
    public long filterId = -1;
    public int layerId = -1;
    public Direction direction = Direction.UNKNOWN;
    /** Free text naming the rule beyond the filter (netsh's filterOrigin, IKE failure code, ...). */
    public String rule;
    /** Fields as Windows names them ("header.flags", "classifyDrop.msFwpDirection", ...), in decoding order. */
    public final Map<String, String> raw = new LinkedHashMap<>();

    public boolean has(int flag) { return (flags & flag) != 0; }

    public void put(String key, Object value) {
        if (value != null) raw.put(key, String.valueOf(value));
    }

    /** The event as the pipeline carries it; names are resolved through {@code names} (never null). */
    public FirewallEvent toEvent(Source source, NameResolver names) {
        if (timestamp == null) throw new IllegalStateException("net event without timestamp");
        if (type == null) throw new IllegalStateException("net event without type");
        String process = null;
        if (appId != null) {
            String drive = names.drivePath(appId);
            process = drive != null ? drive : appId;
        }
        String user = null;
        if (userSid != null) {
            String account = names.account(userSid);
            user = account != null ? account : userSid;
        }
        Endpoint local = Endpoint.of(localAddr, localPort);
        Endpoint remote = Endpoint.of(remoteAddr, remotePort);
        EventHeader header = new EventHeader(timestamp, source, EventHeader.UNKNOWN_PID, process, user, ipProtocol,
                local, remote, raw, null);
        String filterName = filterId >= 0 ? names.filterName(filterId) : null;
        String layerName = layerId >= 0 ? names.layerName(layerId) : null;
        FirewallEvent event = new FirewallEvent(header, type, direction, filterId, filterName, layerId, layerName, rule);
        WfpFilter filter = filterId >= 0 ? names.filter(filterId) : null;
        return filter == null ? event : WfpFilterCatalog.describe(event, filter);
    }
}
