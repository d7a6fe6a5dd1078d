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
import wstool.core.model.Correlation;
import wstool.core.model.PidSource;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.model.GeoLocation;
import wstool.core.model.IpFireFlags;
import wstool.core.model.SpecialRange;
import wstool.core.model.EventClass;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/**
 * The JSON form of an event: one object per line in JSON Lines exports, read back by {@code replay} into equal
 * events. Absent/unknown values are omitted. Field names are part of the export format (README). The text is
 * rendered by {@link JsonRows} (the one way the form is made, also for {@link JsonLinesSink}); Jackson parses it
 * back ({@link #read}).
 */
public final class EventJson {
    public static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private EventJson() {}

    /**
     * Writes the fields of {@link EventFields#ALL} that the event's class has in JSON, in that order, as one raw
     * value: the text {@link JsonRows} renders, whatever the generator's own settings (a pretty printer's
     * separators between values apply, its indentation does not).
     */
    public static void write(NetEvent e, JsonGenerator g) throws IOException {
        CharRow text = new CharRow(512);
        new JsonRows().write(e, text);
        g.writeRawValue(text.toString());
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
                raw(n.get("raw")), enrichment(n.get("enrichment")), text(n, "host"),
                Correlation.of(text(n, "hostname"), pidSource(text(n, "pid_source"))));
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
            case PACKET -> new PacketEvent(h, enumOf(Direction.class, n.path("direction").asText("UNKNOWN")),
                    text(n, "component"), strings(n.get("path")), n.path("packet_group").asLong(-1),
                    n.path("packet_number").asInt(-1), n.path("length").asInt(-1), n.path("original_length").asInt(-1),
                    n.path("tcp_flags").asInt(-1), text(n, "drop_reason"), n.path("drop_reason_code").asInt(-1),
                    text(n, "drop_location"), n.path("process_matched").asBoolean(false),
                    n.path("link_type").asInt(-1), frame(text(n, "frame")));
            case RAW -> new RawEvent(h, text(n, "provider"), n.path("event_id").asInt(-1),
                    n.path("version").asInt(-1), text(n, "payload"));
        };
    }

    private static byte[] frame(String hex) {
        if (hex == null) return null;
        try {
            return java.util.HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("frame is not hex: " + e.getMessage());
        }
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
                drop == null ? null : new DropListing(drop), special == null ? null : new SpecialRange(special), ipFireFlags(n));
    }

    /** The four IPFire flags are written together (all or none), so any one of them means IPFire answered. */
    private static IpFireFlags ipFireFlags(JsonNode n) {
        if (!n.has("anonymous_proxy") && !n.has("satellite_provider") && !n.has("anycast") && !n.has("hostile_drop")) return null;
        return new IpFireFlags(n.path("anonymous_proxy").asBoolean(), n.path("satellite_provider").asBoolean(),
                n.path("anycast").asBoolean(), n.path("hostile_drop").asBoolean());
    }

    private static PidSource pidSource(String s) {
        return s == null ? null : PidSource.parse(s);
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
