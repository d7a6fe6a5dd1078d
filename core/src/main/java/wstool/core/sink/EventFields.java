package wstool.core.sink;

import static wstool.core.sink.EventField.field;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventClass;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.PidSource;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;
import wstool.core.net.Services;

/**
 * The event field list, written once. {@link #ALL} is in the order of the JSON form (the model's order: header,
 * class fields, enrichment, raw fields); the CSV sink picks its documented columns from it by reference, the detail
 * pane lists it in this order. Plus the derived values every human-facing output shows the same way.
 */
public final class EventFields {
    private static final int DYNAMIC_PORTS = 49152;

    public static final EventField CLASS = field("class", NetEvent::eventClass).build();
    public static final EventField TIMESTAMP = field("timestamp", e -> e.header().timestamp()).build();
    public static final EventField HOST = field("host", e -> e.header().host()).build();
    public static final EventField SOURCE = field("source", e -> e.header().source()).build();
    public static final EventField KIND = field("kind", NetEvent::kind).build();
    public static final EventField PID = field("pid", e -> e.header().attributed() ? e.header().pid() : null).build();
    public static final EventField PROCESS = field("process", e -> e.header().process()).build();
    public static final EventField USER = field("user", e -> e.header().user()).build();
    public static final EventField PROTOCOL = field("protocol", e -> e.header().ipProtocol())
            .json("ip_protocol").negativeIsUnknown().text(p -> IpProtocols.name((Integer) p)).build();
    public static final EventField LOCAL_ADDRESS = field("local_address", e -> e.header().local().address())
            .json("local", "address").build();
    public static final EventField LOCAL_PORT = field("local_port", e -> e.header().local().port())
            .json("local", "port").negativeIsUnknown().text(EventFields::port).build();
    public static final EventField REMOTE_ADDRESS = field("remote_address", e -> e.header().remote().address())
            .json("remote", "address").build();
    public static final EventField REMOTE_PORT = field("remote_port", e -> e.header().remote().port())
            .json("remote", "port").negativeIsUnknown().text(EventFields::port).build();
    public static final EventField SERVICE = field("service", EventFields::service).notInJson().build();

    public static final EventField TYPE = field("type", firewall(FirewallEvent::type)).build();
    public static final EventField OP = field("op", socket(SocketEvent::op)).build();
    public static final EventField PHASE = field("phase", socket(SocketEvent::phase)).build();
    public static final EventField DIRECTION = field("direction", NetEvent::direction)
            .jsonFor(EventClass.FIREWALL, EventClass.SOCKET).build();
    public static final EventField FILTER_ID = field("filter_id", firewall(FirewallEvent::filterId)).negativeIsUnknown().build();
    public static final EventField FILTER_NAME = field("filter_name", firewall(FirewallEvent::filterName)).build();
    public static final EventField LAYER_ID = field("layer_id", firewall(FirewallEvent::layerId)).negativeIsUnknown().build();
    public static final EventField LAYER_NAME = field("layer_name", firewall(FirewallEvent::layerName)).build();
    public static final EventField RULE = field("rule", firewall(FirewallEvent::rule)).build();
    public static final EventField ENDPOINT_ID = field("endpoint_id", socket(SocketEvent::endpointId)).jsonEvenUnknown().build();
    public static final EventField FAMILY = field("family", socket(SocketEvent::family)).jsonEvenUnknown().build();
    public static final EventField SOCKET_TYPE = field("socket_type", socket(SocketEvent::socketType)).jsonEvenUnknown().build();
    public static final EventField BUFFER_LENGTH = field("buffer_length", socket(SocketEvent::bufferLength)).jsonEvenUnknown().build();
    public static final EventField BYTES = field("bytes", socket(SocketEvent::bytes)).jsonEvenUnknown().build();
    public static final EventField DNS_QUERY = field("dns_query", dns(DnsEvent::queryName)).json("query").build();
    public static final EventField DNS_TYPE = field("dns_type", dns(DnsEvent::queryType)).json("query_type").jsonEvenUnknown().build();
    public static final EventField STATUS = field("status", e -> e instanceof SocketEvent s ? (Object) s.status()
            : e instanceof DnsEvent d ? (Object) d.status() : null).build();
    public static final EventField STATUS_NAME = field("status_name", e -> e instanceof SocketEvent s ? s.statusName()
            : e instanceof DnsEvent d ? d.statusName() : null).build();
    public static final EventField DNS_RESULTS = field("dns_results", dns(DnsEvent::results)).json("results").build();
    public static final EventField PROVIDER = field("provider", raw(RawEvent::provider)).build();
    public static final EventField EVENT_ID = field("event_id", raw(RawEvent::eventId)).jsonEvenUnknown().build();
    public static final EventField VERSION = field("version", raw(RawEvent::version)).jsonEvenUnknown().build();
    public static final EventField PAYLOAD = field("payload", raw(RawEvent::payloadHex)).build();

    public static final EventField COUNTRY_CODE = enrichment("country_code", Enrichment::countryCode);
    public static final EventField COUNTRY = enrichment("country", Enrichment::countryName);
    public static final EventField CITY = enrichment("city", Enrichment::city);
    public static final EventField REGION = enrichment("region", Enrichment::region);
    public static final EventField LATITUDE = enrichment("latitude", Enrichment::latitude);
    public static final EventField LONGITUDE = enrichment("longitude", Enrichment::longitude);
    public static final EventField ASN = enrichment("asn", Enrichment::asn);
    public static final EventField AS_ORG = enrichment("as_org", Enrichment::asOrg);
    public static final EventField DROP_ID = enrichment("drop_id", Enrichment::dropId);
    public static final EventField SPECIAL = enrichment("special", Enrichment::special);

    /** The source's own fields, a map: the JSON "raw" object, one detail line each, the CSV {@code details} cell. */
    public static final EventField RAW = field("raw", e -> e.header().raw()).build();
    public static final EventField DETAILS = field("details", EventFields::details).notInJson().notInDetail().build();

    /** Correlation (after the original fields, where new columns go): the DNS name of the remote address. */
    public static final EventField HOSTNAME = field("hostname", e -> e.header().correlation().hostname()).build();
    /** "correlated" when the pid came from the matching socket event rather than the source. */
    public static final EventField PID_SOURCE = field("pid_source", e -> e.header().correlation().pidSource())
            .text(p -> ((PidSource) p).label()).build();

    /** Every field, in the JSON form's order. */
    public static final List<EventField> ALL = List.of(
            CLASS, TIMESTAMP, HOST, SOURCE, KIND, PID, PROCESS, USER, PROTOCOL,
            LOCAL_ADDRESS, LOCAL_PORT, REMOTE_ADDRESS, REMOTE_PORT, SERVICE,
            TYPE, OP, PHASE, DIRECTION, FILTER_ID, FILTER_NAME, LAYER_ID, LAYER_NAME, RULE,
            ENDPOINT_ID, FAMILY, SOCKET_TYPE, BUFFER_LENGTH, BYTES,
            DNS_QUERY, DNS_TYPE, STATUS, STATUS_NAME, DNS_RESULTS,
            PROVIDER, EVENT_ID, VERSION, PAYLOAD,
            COUNTRY_CODE, COUNTRY, CITY, REGION, LATITUDE, LONGITUDE, ASN, AS_ORG, DROP_ID, SPECIAL,
            RAW, DETAILS, HOSTNAME, PID_SOURCE);

    private EventFields() {}

    private static <E extends NetEvent> Function<NetEvent, Object> of(Class<E> type, Function<E, Object> get) {
        return e -> type.isInstance(e) ? get.apply(type.cast(e)) : null;
    }

    private static Function<NetEvent, Object> firewall(Function<FirewallEvent, Object> get) { return of(FirewallEvent.class, get); }

    private static Function<NetEvent, Object> socket(Function<SocketEvent, Object> get) { return of(SocketEvent.class, get); }

    private static Function<NetEvent, Object> dns(Function<DnsEvent, Object> get) { return of(DnsEvent.class, get); }

    private static Function<NetEvent, Object> raw(Function<RawEvent, Object> get) { return of(RawEvent.class, get); }

    private static EventField enrichment(String name, Function<Enrichment, Object> get) {
        return field(name, e -> get.apply(e.header().enrichment())).json("enrichment", name).build();
    }

    private static final String[] PORT_TEXT = new String[65536];

    /** Ports as text, each string made once: two per CSV row otherwise dominate the formatting cost. */
    private static String port(Object p) {
        int v = (Integer) p;
        String s = PORT_TEXT[v];
        if (s == null) PORT_TEXT[v] = s = Integer.toString(v);
        return s;
    }

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
