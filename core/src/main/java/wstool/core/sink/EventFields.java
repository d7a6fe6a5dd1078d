package wstool.core.sink;

import static wstool.core.sink.EventField.field;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventClass;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.PidSource;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;
import wstool.core.net.Services;

/**
 * The event field list, written once. {@link #ALL} is in the order of the JSON form (the model's order: header,
 * class fields, enrichment, raw fields); the CSV sink picks its documented columns from it by reference, the detail
 * pane lists it in this order (the IPFire flags sit with the other enrichment fields there and in JSON's
 * {@code enrichment} object; as CSV columns they came later and so stand after {@code details}). Plus the derived values every human-facing output shows the same way.
 */
public final class EventFields {
    private static final int DYNAMIC_PORTS = 49152;

    public static final EventField CLASS = field("class", NetEvent::eventClass).build();
    public static final EventField TIMESTAMP = field("timestamp", e -> e.header().timestamp()).build();
    public static final EventField HOST = field("host", e -> e.header().host()).build();
    public static final EventField SOURCE = field("source", e -> e.header().source()).build();
    public static final EventField KIND = field("kind", NetEvent::kind).build();
    public static final EventField PID = EventField.longs("pid", e -> e.header().attributed() ? e.header().pid() : EventField.NO_NUMBER).build();
    public static final EventField PROCESS = field("process", e -> e.header().process()).build();
    public static final EventField USER = field("user", e -> e.header().user()).build();
    public static final EventField PROTOCOL = field("protocol", e -> e.header().ipProtocol())
            .json("ip_protocol").negativeIsUnknown().text(p -> IpProtocols.name((Integer) p)).ofConversation().build();
    public static final EventField LOCAL_ADDRESS = field("local_address", e -> e.header().local().address())
            .json("local", "address").ofConversation().build();
    public static final EventField LOCAL_PORT = EventField.ints("local_port", e -> e.header().local().port())
            .json("local", "port").negativeIsUnknown().digitsText(EventFields::port).ofConversation().build();
    public static final EventField REMOTE_ADDRESS = field("remote_address", e -> e.header().remote().address())
            .json("remote", "address").ofConversation().build();
    public static final EventField REMOTE_PORT = EventField.ints("remote_port", e -> e.header().remote().port())
            .json("remote", "port").negativeIsUnknown().digitsText(EventFields::port).ofConversation().build();
    public static final EventField SERVICE = field("service", EventFields::service).notInJson().ofConversation().build();

    public static final EventField TYPE = firewall("type", FirewallEvent::type).build();
    public static final EventField OP = socket("op", SocketEvent::op).build();
    public static final EventField PHASE = socket("phase", SocketEvent::phase).build();
    public static final EventField DIRECTION = field("direction", NetEvent::direction)
            .jsonFor(EventClass.FIREWALL, EventClass.SOCKET, EventClass.PACKET).build();
    public static final EventField FILTER_ID = longs("filter_id", FirewallEvent.class, FirewallEvent::filterId).negativeIsUnknown().build();
    public static final EventField FILTER_NAME = firewall("filter_name", FirewallEvent::filterName).build();
    public static final EventField LAYER_ID = ints("layer_id", FirewallEvent.class, FirewallEvent::layerId).negativeIsUnknown().build();
    public static final EventField LAYER_NAME = firewall("layer_name", FirewallEvent::layerName).build();
    public static final EventField RULE = firewall("rule", FirewallEvent::rule).build();
    public static final EventField ENDPOINT_ID = longs("endpoint_id", SocketEvent.class, SocketEvent::endpointId).jsonEvenUnknown().build();
    public static final EventField FAMILY = socket("family", SocketEvent::family).jsonEvenUnknown().build();
    public static final EventField SOCKET_TYPE = socket("socket_type", SocketEvent::socketType).jsonEvenUnknown().build();
    public static final EventField BUFFER_LENGTH = longs("buffer_length", SocketEvent.class, SocketEvent::bufferLength).jsonEvenUnknown().build();
    public static final EventField BYTES = longs("bytes", SocketEvent.class, SocketEvent::bytes).jsonEvenUnknown().build();
    public static final EventField DNS_QUERY = dns("dns_query", DnsEvent::queryName).json("query").build();
    public static final EventField DNS_TYPE = dns("dns_type", DnsEvent::queryType).json("query_type").jsonEvenUnknown().build();
    public static final EventField STATUS = EventField.longs("status", e -> e instanceof SocketEvent s ? s.status()
            : e instanceof DnsEvent d ? d.status() : EventField.NO_NUMBER).build();
    public static final EventField STATUS_NAME = field("status_name", e -> e instanceof SocketEvent s ? s.statusName()
            : e instanceof DnsEvent d ? d.statusName() : null).build();
    public static final EventField DNS_RESULTS = dns("dns_results", DnsEvent::results).json("results").build();
    public static final EventField PROVIDER = raw("provider", RawEvent::provider).build();
    public static final EventField EVENT_ID = raw("event_id", RawEvent::eventId).jsonEvenUnknown().build();
    public static final EventField VERSION = raw("version", RawEvent::version).jsonEvenUnknown().build();
    public static final EventField PAYLOAD = raw("payload", RawEvent::payloadHex).build();
    public static final EventField COMPONENT = packet("component", PacketEvent::component).build();
    @SuppressWarnings("unchecked")
    public static final EventField PATH = packet("path", PacketEvent::path)
            .text(p -> ((List<String>) p).isEmpty() ? null : String.join(" > ", (List<String>) p)).build(); // names have spaces
    public static final EventField PACKET_GROUP = longs("packet_group", PacketEvent.class, PacketEvent::packetGroup).negativeIsUnknown().build();
    public static final EventField PACKET_NUMBER = ints("packet_number", PacketEvent.class, PacketEvent::packetNumber).negativeIsUnknown().build();
    public static final EventField LENGTH = ints("length", PacketEvent.class, PacketEvent::length).negativeIsUnknown().build();
    public static final EventField ORIGINAL_LENGTH = ints("original_length", PacketEvent.class, PacketEvent::originalLength).negativeIsUnknown().build();
    public static final EventField TCP_FLAGS = packet("tcp_flags", PacketEvent::tcpFlags).negativeIsUnknown()
            .text(f -> wstool.core.packet.TcpFlags.names((Integer) f)).build();
    public static final EventField DROP_REASON = packet("drop_reason", PacketEvent::dropReason).build();
    public static final EventField DROP_REASON_CODE = ints("drop_reason_code", PacketEvent.class, PacketEvent::dropReasonCode).negativeIsUnknown().build();
    public static final EventField DROP_LOCATION = packet("drop_location", PacketEvent::dropLocation).build();
    public static final EventField PROCESS_MATCHED = packet("process_matched", p -> p.processMatched() ? Boolean.TRUE : null).build();
    public static final EventField LINK_TYPE = packet("link_type", PacketEvent::linkType).negativeIsUnknown().build();
    /** The captured bytes as hex: JSON Lines keeps them, so that a replayed recording can still be written as pcapng. */
    public static final EventField FRAME = packet("frame", p -> p.frame().length > 0
            ? java.util.HexFormat.of().formatHex(p.frame()) : null).notInDetail().build();

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
    public static final EventField ANONYMOUS_PROXY = enrichment("anonymous_proxy", Enrichment::anonymousProxy);
    public static final EventField SATELLITE_PROVIDER = enrichment("satellite_provider", Enrichment::satelliteProvider);
    public static final EventField ANYCAST = enrichment("anycast", Enrichment::anycast);
    public static final EventField HOSTILE_DROP = enrichment("hostile_drop", Enrichment::hostileDrop);

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
            COMPONENT, PATH, PACKET_GROUP, PACKET_NUMBER, LENGTH, ORIGINAL_LENGTH, TCP_FLAGS,
            DROP_REASON, DROP_REASON_CODE, DROP_LOCATION, PROCESS_MATCHED, LINK_TYPE, FRAME,
            COUNTRY_CODE, COUNTRY, CITY, REGION, LATITUDE, LONGITUDE, ASN, AS_ORG, DROP_ID, SPECIAL,
            ANONYMOUS_PROXY, SATELLITE_PROVIDER, ANYCAST, HOSTILE_DROP,
            RAW, DETAILS, HOSTNAME, PID_SOURCE);

    private EventFields() {}

    /*
     * The fields only events of one class have: EventField.value checks the class before it calls get, so get itself
     * is the value function, unchecked. A wrapper that checked and then called get made two megamorphic calls per
     * value instead of one (one wrapper class for all the fields), ~8% of the JSON Lines formatting (issue 21).
     */

    /** A field only events of {@code type} have (the others' value is null, and sinks skip it for them). */
    @SuppressWarnings("unchecked")
    private static <E extends NetEvent> EventField.Builder of(String name, Class<E> type, Function<E, Object> get) {
        return field(name, (Function<NetEvent, Object>) (Function<?, Object>) get).only(type);
    }

    /** A whole-number field only events of {@code type} have (see {@link EventField#longs}). */
    @SuppressWarnings("unchecked")
    private static <E extends NetEvent> EventField.Builder longs(String name, Class<E> type, ToLongFunction<E> get) {
        return EventField.longs(name, (ToLongFunction<NetEvent>) (ToLongFunction<?>) get).only(type);
    }

    /** As {@link #longs}, for int fields (boxed as Integer). */
    @SuppressWarnings("unchecked")
    private static <E extends NetEvent> EventField.Builder ints(String name, Class<E> type, ToLongFunction<E> get) {
        return EventField.ints(name, (ToLongFunction<NetEvent>) (ToLongFunction<?>) get).only(type);
    }

    private static EventField.Builder firewall(String name, Function<FirewallEvent, Object> get) { return of(name, FirewallEvent.class, get); }

    private static EventField.Builder socket(String name, Function<SocketEvent, Object> get) { return of(name, SocketEvent.class, get); }

    private static EventField.Builder packet(String name, Function<PacketEvent, Object> get) { return of(name, PacketEvent.class, get); }

    private static EventField.Builder dns(String name, Function<DnsEvent, Object> get) { return of(name, DnsEvent.class, get); }

    private static EventField.Builder raw(String name, Function<RawEvent, Object> get) { return of(name, RawEvent.class, get); }

    private static EventField enrichment(String name, Function<Enrichment, Object> get) {
        return field(name, e -> get.apply(e.header().enrichment())).json("enrichment", name).ofEnrichment().build();
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
        CharRow row = new CharRow(128);
        details(e, row);
        return row.toString();
    }

    /**
     * {@link #details}'s text appended to {@code out}, read straight from the raw fields: how a sink writes it without
     * a map or a string per event. A null value is written "null", as string concatenation does.
     */
    static void details(NetEvent e, CharRow out) {
        Details d = new Details(out);
        if (e instanceof RawEvent r) {
            out.append("provider=").append(r.provider()).append("; id=").append(r.eventId())
                    .append("; version=").append(r.version()).append("; payload=").append(r.payloadHex());
            d.more = true;
        }
        e.header().raw().forEach(d);
    }

    /** One "k=v" piece per raw field, "; " between them (forEach: the model's raw fields make no entry objects). */
    private static final class Details implements BiConsumer<String, String> {
        private final CharRow out;
        boolean more;

        Details(CharRow out) { this.out = out; }

        @Override
        public void accept(String k, String v) {
            if (more) out.append(';').append(' ');
            out.append(k).append('=').append(v);
            more = true;
        }
    }
}
