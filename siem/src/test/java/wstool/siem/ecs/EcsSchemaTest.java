package wstool.siem.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import wstool.core.GoldenEvents;
import wstool.core.fixtures.Fixtures;
import wstool.core.model.EventClass;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.net.Addresses;

/**
 * Every ECS document of every golden event (every class, every firewall type and socket op, DNS success and failure,
 * process exit) against the ECS 9.4.0 reference, fixtures/ecs/ecs_flat.yml, read with SnakeYAML: each field outside
 * ws_tool.* exists there, its JSON value has that field's type, arrays only where ECS normalises to an array, and
 * event.kind / category / type / outcome and network.direction take allowed values, each event.type one that ECS
 * expects for every category given.
 */
class EcsSchemaTest {
    private static Map<String, Map<String, Object>> ecs;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readReference() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try (Reader r = Files.newBufferedReader(Fixtures.path("ecs/ecs_flat.yml"), StandardCharsets.UTF_8)) {
            ecs = (Map<String, Map<String, Object>>) new Yaml(options).load(r);
        }
        assertTrue(ecs.size() > 1000, "the flat reference lists every field: " + ecs.size());
    }

    static List<NetEvent> everyClass() { return GoldenEvents.all(); }

    @Test
    void theGoldenEventsCoverEveryClassTypeAndOp() {
        Set<EventClass> classes = EnumSet.noneOf(EventClass.class);
        Set<SocketOp> ops = EnumSet.noneOf(SocketOp.class);
        Set<FirewallEventType> types = EnumSet.noneOf(FirewallEventType.class);
        for (NetEvent e : everyClass()) {
            classes.add(e.eventClass());
            if (e instanceof SocketEvent s) ops.add(s.op());
            if (e instanceof wstool.core.model.FirewallEvent f) types.add(f.type());
        }
        assertEquals(EnumSet.allOf(EventClass.class), classes);
        assertEquals(EnumSet.allOf(SocketOp.class), ops);
        assertEquals(EnumSet.allOf(FirewallEventType.class), types);
    }

    @Test
    void everyFieldExistsInEcsWithItsType() throws IOException {
        for (EcsContext ctx : List.of(EcsContext.live("1.2.3"), EcsContext.imported("1.2.3", "ANALYST-PC"))) {
            EcsMapper mapper = new EcsMapper(ctx);
            for (NetEvent e : everyClass()) {
                String line = EcsSink.line(mapper, e);
                JsonNode doc = JSON.readTree(line);
                List<String> problems = new ArrayList<>();
                check("", doc, problems);
                categorisation(doc, problems);
                if (!problems.isEmpty()) fail(String.join("\n", problems) + "\nin " + line);
            }
        }
    }

    @Test
    void theCheckItselfCatchesWrongNamesTypesAndValues() {
        List<String> problems = new ArrayList<>();
        ObjectMapper m = JSON;
        check("", m.createObjectNode().put("source.port", "80").put("network.bogus", "x"), problems);
        check("", m.createObjectNode().set("source", m.createObjectNode().put("ip", "not-an-ip").put("port", 80)), problems);
        categorisation(m.createObjectNode().put("event.kind", "event").set("event",
                m.createObjectNode().put("kind", "event")
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("category", m.createArrayNode().add("network"))
                        .set("type", m.createArrayNode().add("creation"))), problems);
        assertEquals(3 + 1, problems.size(), String.join("\n", problems));
    }

    /** Walks the document; objects are descended unless ECS defines the path itself (geo_point, nested, object). */
    private static void check(String prefix, JsonNode node, List<String> problems) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String name = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (name.startsWith("ws_tool.")) continue;
            Map<String, Object> def = ecs.get(name);
            if (def == null) {
                if (v.isObject()) check(name + ".", v, problems);
                else problems.add(name + ": not an ECS field");
                continue;
            }
            String type = (String) def.get("type");
            boolean array = ((List<?>) def.getOrDefault("normalize", List.of())).contains("array");
            if (v.isArray()) {
                if (!array) problems.add(name + ": an array, but ECS does not normalise it to one");
                for (JsonNode x : v) value(name, type, x, problems);
            } else {
                value(name, type, v, problems);
            }
        }
    }

    private static void value(String name, String type, JsonNode v, List<String> problems) {
        boolean ok = switch (type) {
            case "keyword", "constant_keyword", "wildcard", "match_only_text" -> v.isTextual();
            case "long", "integer" -> v.isIntegralNumber();
            case "double", "float", "scaled_float" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "ip" -> v.isTextual() && Addresses.isLiteral(v.asText());
            case "date" -> v.isTextual() && parses(v.asText());
            case "geo_point" -> v.isObject() && v.size() == 2 && v.path("lat").isNumber() && v.path("lon").isNumber();
            case "nested", "object" -> {
                if (!v.isObject()) yield false;
                check(name + ".", v, problems);
                yield true;
            }
            default -> false;
        };
        if (!ok) problems.add(name + ": " + v + " is not of ECS type " + type);
    }

    private static boolean parses(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static void categorisation(JsonNode doc, List<String> problems) {
        JsonNode event = doc.path("event");
        allowed("event.kind", event.path("kind"), problems);
        if (event.has("outcome")) allowed("event.outcome", event.path("outcome"), problems);
        if (doc.path("network").has("direction")) {
            List<Object> expected = (List<Object>) ecs.get("network.direction").get("expected_values");
            if (!expected.contains(doc.path("network").path("direction").asText())) {
                problems.add("network.direction " + doc.path("network").path("direction") + " is not one of " + expected);
            }
        }
        List<Map<String, Object>> categories = (List<Map<String, Object>>) ecs.get("event.category").get("allowed_values");
        if (!event.path("category").isArray() || event.path("category").isEmpty()) problems.add("event.category missing");
        for (JsonNode c : event.path("category")) {
            Map<String, Object> cat = categories.stream().filter(x -> x.get("name").equals(c.asText())).findFirst().orElse(null);
            if (cat == null) {
                problems.add("event.category " + c + " is not allowed");
                continue;
            }
            List<Object> expected = (List<Object>) cat.get("expected_event_types");
            for (JsonNode t : event.path("type")) {
                if (!expected.contains(t.asText())) problems.add("event.type " + t + " is not expected for category " + c + " " + expected);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void allowed(String field, JsonNode v, List<String> problems) {
        Set<Object> names = new HashSet<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) ecs.get(field).get("allowed_values")) names.add(a.get("name"));
        if (!names.contains(v.asText())) problems.add(field + " " + v + " is not one of " + names);
    }

    @Test
    void ourNamespaceIsNotEcs() {
        assertNotNull(ecs.get("ecs.version"));
        assertFalse(ecs.keySet().stream().anyMatch(k -> k.startsWith("ws_tool.")), "ws_tool.* is ours, not ECS's");
    }
}
