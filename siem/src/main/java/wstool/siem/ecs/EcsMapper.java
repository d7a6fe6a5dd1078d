package wstool.siem.ecs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.net.Addresses;
import wstool.core.net.IpProtocols;
import wstool.core.net.CommunityId;

/**
 * An event as an Elastic Common Schema 9.x document. Categorisation follows the ECS rules (event.category /
 * event.type pairs allowed by the schema); {@code source}/{@code destination} follow the direction of the traffic
 * (outbound: local = source; inbound: remote = source), and events of unknown direction name the two ends under
 * {@code ws_tool.local}/{@code ws_tool.remote} instead of guessing. What ECS has no field for is under
 * {@code ws_tool.*}. Every field name and type is checked against the ECS reference in the tests.
 */
public final class EcsMapper {
    /** The ECS version the documents follow (fixtures/ecs/ecs_flat.yml is this version's reference). */
    public static final String ECS_VERSION = "9.4.0";

    private final EcsContext context;

    public EcsMapper(EcsContext context) { this.context = context; }

    public Map<String, Object> map(NetEvent e) {
        EventHeader h = e.header();
        EcsDocument d = new EcsDocument();
        d.put("@timestamp", h.timestamp().toString());
        d.put("ecs.version", ECS_VERSION);
        event(d, e);
        endpoints(d, e);
        network(d, e);
        process(d, h);
        user(d, h.user());
        if (e instanceof FirewallEvent f) firewall(d, f);
        else if (e instanceof SocketEvent s) socket(d, s);
        else if (e instanceof DnsEvent n) dns(d, n);
        else if (e instanceof RawEvent r) raw(d, r);
        threat(d, e);
        d.put("host.name", h.host());
        d.put("host.hostname", h.host());
        d.put("host.os.type", context.hostOsType());
        d.put("agent.type", "ws_tool");
        d.put("agent.version", context.agentVersion());
        if (context.observerHostname() != null) {
            d.put("observer.hostname", context.observerHostname());
            d.put("observer.product", "ws_tool");
        }
        d.put("ws_tool.source", h.source().name());
        if (!h.raw().isEmpty()) d.put("ws_tool.raw", new LinkedHashMap<>(h.raw()));
        return d.asMap();
    }

    private static void event(EcsDocument d, NetEvent e) {
        d.put("event.kind", "event");
        d.put("event.category", List.of(category(e)));
        d.put("event.type", types(e));
        d.put("event.action", ProcessExit.is(e) ? "process-exit" : e.kind().toLowerCase(Locale.ROOT).replace('_', '-'));
        d.put("event.module", "ws_tool");
        String dataset = "ws_tool." + e.eventClass().name().toLowerCase(Locale.ROOT);
        d.put("event.dataset", ProcessExit.is(e) ? "ws_tool.process" : dataset);
        d.put("event.provider", provider(e));
        d.put("event.outcome", outcome(e));
    }

    static String category(NetEvent e) { return ProcessExit.is(e) ? "process" : "network"; }

    /** event.type values: each allowed for its category by ECS (tested against the schema's expected_event_types). */
    static List<String> types(NetEvent e) {
        if (e instanceof FirewallEvent f) {
            FirewallEventType t = f.type();
            if (t.isDrop()) return List.of("connection", "denied");
            if (t == FirewallEventType.CLASSIFY_ALLOW || t == FirewallEventType.CAPABILITY_ALLOW) return List.of("connection", "allowed");
            return List.of("connection", "info");
        }
        if (e instanceof SocketEvent s) {
            return switch (s.op()) {
                case CONNECT, ACCEPT, RECONNECT -> List.of("connection", "start");
                case DISCONNECT, SHUTDOWN, CLOSE, CLEANUP, ABORT -> List.of("connection", "end");
                case SEND, RECV, SENDTO, RECVFROM, RETRANSMIT, DATAGRAM_DROP -> List.of("connection", "info");
                default -> List.of("info");
            };
        }
        if (e instanceof DnsEvent) return List.of("protocol");
        if (ProcessExit.is(e)) return List.of("end");
        return List.of("info");
    }

    private static String provider(NetEvent e) {
        if (e instanceof RawEvent r && !ProcessExit.is(e)) return r.provider();
        return switch (e.header().source()) {
            case WFP, WFP_IMPORT -> "Windows Filtering Platform";
            case ETW_AFD -> "Microsoft-Windows-Winsock-AFD";
            case ETW_KERNEL_NETWORK -> "Microsoft-Windows-Kernel-Network";
            case ETW_DNS -> "Microsoft-Windows-Winsock-NameResolution";
            case ETW_TCPIP -> "Microsoft-Windows-TCPIP";
            case NFLOG -> "netfilter";
            case LINUX_TRACE -> "linux-tracepoints";
            default -> "ws_tool";
        };
    }

    private static String outcome(NetEvent e) {
        if (e instanceof SocketEvent s) return s.failed() ? "failure" : "success";
        if (e instanceof DnsEvent n) return n.status() == 0 ? "success" : "failure";
        return null;
    }

    /** Outbound: local = source. Inbound: remote = source. Unknown: both ends under ws_tool.*, no guess. */
    private static void endpoints(EcsDocument d, NetEvent e) {
        EventHeader h = e.header();
        String local;
        String remote;
        if (e.direction() == Direction.OUT) {
            local = "source";
            remote = "destination";
        } else if (e.direction() == Direction.IN) {
            local = "destination";
            remote = "source";
        } else {
            local = "ws_tool.local";
            remote = "ws_tool.remote";
        }
        endpoint(d, local, h.local());
        endpoint(d, remote, h.remote());
        if (h.remote().address() != null) geo(d, remote, h.enrichment());
        List<String> related = new ArrayList<>(2);
        if (h.local().address() != null) related.add(h.local().addressText());
        if (h.remote().address() != null && !related.contains(h.remote().addressText())) related.add(h.remote().addressText());
        d.put("related.ip", related);
    }

    private static void endpoint(EcsDocument d, String at, Endpoint ep) {
        if (ep.address() != null) d.put(at + ".ip", ep.addressText());
        if (ep.port() >= 0) d.put(at + ".port", ep.port());
    }

    private static void geo(EcsDocument d, String at, Enrichment en) {
        d.put(at + ".geo.country_iso_code", en.countryCode());
        d.put(at + ".geo.country_name", en.countryName());
        d.put(at + ".geo.city_name", en.city());
        d.put(at + ".geo.region_name", en.region());
        if (en.latitude() != null && en.longitude() != null) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("lat", en.latitude());
            point.put("lon", en.longitude());
            d.put(at + ".geo.location", point);
        }
        d.put(at + ".as.number", en.asn());
        d.put(at + ".as.organization.name", en.asOrg());
        d.put("ws_tool.remote_special", en.special()); // the IANA special-purpose class has no ECS field
    }

    private static void network(EcsDocument d, NetEvent e) {
        EventHeader h = e.header();
        int p = h.ipProtocol();
        if (p >= 0) {
            d.put("network.transport", transport(p));
            d.put("network.iana_number", Integer.toString(p));
        }
        InetAddress any = h.remote().address() != null ? h.remote().address() : h.local().address();
        if (any != null) d.put("network.type", any instanceof Inet6Address ? "ipv6" : "ipv4");
        d.put("network.direction", switch (e.direction()) {
            case IN -> "ingress";
            case OUT -> "egress";
            case UNKNOWN -> e instanceof RawEvent ? null : "unknown";
        });
        Endpoint src = e.direction() == Direction.IN ? h.remote() : h.local();
        Endpoint dst = e.direction() == Direction.IN ? h.local() : h.remote();
        d.put("network.community_id", CommunityId.of(p, src.address(), src.port(), dst.address(), dst.port()));
        if (e instanceof DnsEvent) d.put("network.protocol", "dns");
    }

    /** The IANA keyword, lower case, as ECS asks (ICMPv6 is "ipv6-icmp"). */
    static String transport(int protocol) {
        return protocol == IpProtocols.ICMPV6 ? "ipv6-icmp" : IpProtocols.name(protocol).toLowerCase(Locale.ROOT);
    }

    private static void process(EcsDocument d, EventHeader h) {
        if (h.attributed()) d.put("process.pid", h.pid());
        d.put("process.name", h.processName());
        if (h.process() != null && !h.process().equals(h.processName())) d.put("process.executable", h.process());
    }

    /** "DOMAIN\\account" (Windows) becomes user.domain + user.name; a SID is user.id. */
    private static void user(EcsDocument d, String user) {
        if (user == null || user.isEmpty()) return;
        if (user.startsWith("S-1-")) {
            d.put("user.id", user);
            return;
        }
        int cut = user.indexOf('\\');
        if (cut > 0) {
            d.put("user.domain", user.substring(0, cut));
            d.put("user.name", user.substring(cut + 1));
        } else {
            d.put("user.name", user);
        }
    }

    private static void firewall(EcsDocument d, FirewallEvent f) {
        if (f.filterId() >= 0) d.put("rule.id", Long.toString(f.filterId()));
        d.put("rule.name", f.filterName());
        d.put("rule.ruleset", f.rule());
        if (f.layerId() >= 0) d.put("ws_tool.layer.id", f.layerId());
        d.put("ws_tool.layer.name", f.layerName());
        d.put("ws_tool.firewall_type", f.type().name());
    }

    private static void socket(EcsDocument d, SocketEvent s) {
        if (s.bytes() >= 0) d.put("network.bytes", s.bytes());
        d.put("ws_tool.socket.op", s.op().name());
        d.put("ws_tool.socket.phase", s.phase().name());
        if (s.endpointId() >= 0) d.put("ws_tool.socket.endpoint_id", s.endpointId());
        if (s.family() >= 0) d.put("ws_tool.socket.family", s.family());
        if (s.socketType() >= 0) d.put("ws_tool.socket.type", s.socketType());
        if (s.bufferLength() >= 0) d.put("ws_tool.socket.buffer_length", s.bufferLength());
        d.put("ws_tool.status", s.status());
        d.put("ws_tool.status_name", s.statusName());
        if (s.failed()) {
            d.put("error.code", s.statusName() != null ? s.statusName() : Long.toString(s.status()));
        }
    }

    private static void dns(EcsDocument d, DnsEvent n) {
        d.put("dns.type", n.results().isEmpty() && n.status() == 0 ? "query" : "answer");
        d.put("dns.question.name", n.queryName());
        d.put("dns.question.type", DnsTypes.name(n.queryType()));
        List<Map<String, Object>> answers = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (String r : n.results()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("data", r);
            answers.add(a);
            if (Addresses.isLiteral(r)) ips.add(r);
        }
        d.put("dns.answers", answers);
        d.put("dns.resolved_ip", ips);
        d.put("dns.response_code", DnsTypes.responseCode(n.status()));
        d.put("ws_tool.status", n.status());
        d.put("ws_tool.status_name", n.statusName());
        if (n.status() != 0) d.put("error.code", n.statusName() != null ? n.statusName() : Long.toString(n.status()));
    }

    private static void raw(EcsDocument d, RawEvent r) {
        if (ProcessExit.is(r)) {
            String code = r.header().raw().get(ProcessExit.EXIT_CODE);
            if (code != null) d.put("process.exit_code", Long.parseLong(code));
            return;
        }
        d.put("ws_tool.raw_event.provider", r.provider());
        d.put("ws_tool.raw_event.id", r.eventId());
        d.put("ws_tool.raw_event.version", r.version());
        d.put("ws_tool.raw_event.payload", r.payloadHex());
    }

    /** A Spamhaus DROP / ASN-DROP listed peer: an indicator match on the remote address. */
    private static void threat(EcsDocument d, NetEvent e) {
        Enrichment en = e.header().enrichment();
        InetAddress remote = e.header().remote().address();
        if (en.dropId() == null || remote == null) return;
        String field = switch (e.direction()) {
            case IN -> "source.ip";
            case OUT -> "destination.ip";
            case UNKNOWN -> "ws_tool.remote.ip";
        };
        Map<String, Object> indicator = new LinkedHashMap<>();
        indicator.put("type", remote instanceof Inet6Address ? "ipv6-addr" : "ipv4-addr");
        indicator.put("ip", Addresses.text(remote));
        indicator.put("provider", "Spamhaus");
        Map<String, Object> matched = new LinkedHashMap<>();
        matched.put("atomic", Addresses.text(remote));
        matched.put("field", field);
        matched.put("id", en.dropId());
        matched.put("type", "indicator_match_rule");
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("indicator", indicator);
        one.put("matched", matched);
        d.put("threat.enrichments", List.of(one));
        d.put("threat.feed.name", "Spamhaus DROP");
    }
}
