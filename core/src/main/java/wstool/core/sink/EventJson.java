package wstool.core.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;
import wstool.core.model.SpecialRange;
import wstool.core.model.EventClass;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/**
 * The JSON form of an event: one object per line in JSON Lines exports, read back by {@code replay} into equal
 * events. Absent/unknown values are omitted. Field names are part of the export format (README).
 */
public final class EventJson {
    public static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private EventJson() {}

    public static void write(NetEvent e, JsonGenerator g) throws IOException {
        EventHeader h = e.header();
        g.writeStartObject();
        g.writeStringField("class", e.eventClass().name());
        g.writeStringField("timestamp", h.timestamp().toString());
        g.writeStringField("source", h.source().name());
        g.writeStringField("kind", e.kind());
        if (h.attributed()) g.writeNumberField("pid", h.pid());
        str(g, "process", h.process());
        str(g, "user", h.user());
        if (h.ipProtocol() >= 0) g.writeNumberField("ip_protocol", h.ipProtocol());
        endpoint(g, "local", h.local());
        endpoint(g, "remote", h.remote());
        if (e instanceof FirewallEvent f) {
                g.writeStringField("type", f.type().name());
                g.writeStringField("direction", f.direction().name());
                if (f.filterId() >= 0) g.writeNumberField("filter_id", f.filterId());
                str(g, "filter_name", f.filterName());
                if (f.layerId() >= 0) g.writeNumberField("layer_id", f.layerId());
                str(g, "layer_name", f.layerName());
                str(g, "rule", f.rule());
        } else if (e instanceof SocketEvent s) {
                g.writeStringField("op", s.op().name());
                g.writeStringField("phase", s.phase().name());
                g.writeStringField("direction", s.direction().name());
                g.writeNumberField("endpoint_id", s.endpointId());
                g.writeNumberField("family", s.family());
                g.writeNumberField("socket_type", s.socketType());
                g.writeNumberField("buffer_length", s.bufferLength());
                g.writeNumberField("bytes", s.bytes());
                g.writeNumberField("status", s.status());
                str(g, "status_name", s.statusName());
        } else if (e instanceof DnsEvent d) {
                str(g, "query", d.queryName());
                g.writeNumberField("query_type", d.queryType());
                g.writeNumberField("status", d.status());
                str(g, "status_name", d.statusName());
                g.writeArrayFieldStart("results");
                for (String r : d.results()) g.writeString(r);
                g.writeEndArray();
        } else if (e instanceof RawEvent r) {
                str(g, "provider", r.provider());
                g.writeNumberField("event_id", r.eventId());
                g.writeNumberField("version", r.version());
                str(g, "payload", r.payloadHex());
        }
        enrichment(g, h.enrichment());
        if (!h.raw().isEmpty()) {
            g.writeObjectFieldStart("raw");
            for (Map.Entry<String, String> en : h.raw().entrySet()) g.writeStringField(en.getKey(), en.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * Parses one JSON Lines record.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static NetEvent read(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
        EventClass cls = enumOf(EventClass.class, required(n, "class"));
        EventHeader h = new EventHeader(
                parseInstant(required(n, "timestamp")),
                enumOf(Source.class, required(n, "source")),
                n.path("pid").asLong(EventHeader.UNKNOWN_PID),
                text(n, "process"), text(n, "user"),
                n.path("ip_protocol").asInt(-1),
                endpoint(n.get("local")), endpoint(n.get("remote")),
                raw(n.get("raw")), enrichment(n.get("enrichment")));
        return switch (cls) {
            case FIREWALL -> new FirewallEvent(h, enumOf(FirewallEventType.class, required(n, "type")),
                    enumOf(Direction.class, n.path("direction").asText("UNKNOWN")),
                    n.path("filter_id").asLong(-1), text(n, "filter_name"),
                    n.path("layer_id").asInt(-1), text(n, "layer_name"), text(n, "rule"));
            case SOCKET -> new SocketEvent(h, enumOf(SocketOp.class, required(n, "op")),
                    enumOf(CallPhase.class, n.path("phase").asText("SINGLE")),
                    enumOf(Direction.class, n.path("direction").asText("UNKNOWN")),
                    n.path("endpoint_id").asLong(-1), n.path("family").asInt(-1), n.path("socket_type").asInt(-1),
                    n.path("buffer_length").asLong(-1), n.path("bytes").asLong(-1),
                    n.path("status").asLong(0), text(n, "status_name"));
            case DNS -> new DnsEvent(h, text(n, "query"), n.path("query_type").asInt(-1),
                    n.path("status").asLong(0), text(n, "status_name"), strings(n.get("results")));
            case RAW -> new RawEvent(h, text(n, "provider"), n.path("event_id").asInt(-1),
                    n.path("version").asInt(-1), text(n, "payload"));
        };
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    private static void endpoint(JsonGenerator g, String name, Endpoint ep) throws IOException {
        if (ep.address() == null && ep.port() < 0) return;
        g.writeObjectFieldStart(name);
        if (ep.address() != null) g.writeStringField("address", ep.address().getHostAddress());
        if (ep.port() >= 0) g.writeNumberField("port", ep.port());
        g.writeEndObject();
    }

    private static void enrichment(JsonGenerator g, Enrichment e) throws IOException {
        if (e.isEmpty()) return;
        g.writeObjectFieldStart("enrichment");
        str(g, "country_code", e.countryCode());
        str(g, "country", e.countryName());
        str(g, "city", e.city());
        str(g, "region", e.region());
        if (e.latitude() != null) g.writeNumberField("latitude", e.latitude());
        if (e.longitude() != null) g.writeNumberField("longitude", e.longitude());
        if (e.asn() != null) g.writeNumberField("asn", e.asn());
        str(g, "as_org", e.asOrg());
        str(g, "drop_id", e.dropId());
        str(g, "special", e.special());
        g.writeEndObject();
    }

    private static Endpoint endpoint(JsonNode n) {
        if (n == null || n.isNull()) return Endpoint.NONE;
        String a = text(n, "address");
        return Endpoint.of(a == null ? null : Addresses.parse(a), n.path("port").asInt(-1));
    }

    private static Enrichment enrichment(JsonNode n) {
        if (n == null || n.isNull()) return Enrichment.NONE;
        String drop = text(n, "drop_id");
        String special = text(n, "special");
        return new Enrichment(new GeoLocation(text(n, "country_code"), text(n, "country"), text(n, "city"), text(n, "region"),
                        n.hasNonNull("latitude") ? n.get("latitude").asDouble() : null,
                        n.hasNonNull("longitude") ? n.get("longitude").asDouble() : null),
                new AutonomousSystem(n.hasNonNull("asn") ? n.get("asn").asLong() : null, text(n, "as_org")),
                drop == null ? null : new DropListing(drop), special == null ? null : new SpecialRange(special), null);
    }

    private static Map<String, String> raw(JsonNode n) {
        if (n == null || !n.isObject()) return Map.of();
        Map<String, String> m = new LinkedHashMap<>();
        n.properties().forEach(en -> m.put(en.getKey(), en.getValue().asText()));
        return m;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) throw new IllegalArgumentException("missing field '" + field + "'");
        return v;
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bad timestamp '" + s + "'");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + value + "'");
        }
    }
}
