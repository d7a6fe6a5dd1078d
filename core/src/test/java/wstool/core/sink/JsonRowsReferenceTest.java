package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.GoldenEvents;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.CallPhase;
import wstool.core.model.Correlation;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.DropListing;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.GeoLocation;
import wstool.core.model.IpFireFlags;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.PidSource;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.model.SpecialRange;

/**
 * {@link JsonRows} renders the JSON form itself for speed; its bytes must stay those Jackson's generator wrote
 * (default {@link EventJson#FACTORY}, {@code MinimalPrettyPrinter("")}, a newline after each object). That way of
 * writing is kept here as the reference ({@link #reference}): every string char 0..0xFFFF in values and raw-field
 * keys, the golden events, and random events of every class whose texts are drawn from the characters that matter.
 */
class JsonRowsReferenceTest {
    /** The JSON Lines of {@code events} written by Jackson, field by field, from the model values. */
    static String reference(List<NetEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = EventJson.FACTORY.createGenerator(w)) {
            g.setPrettyPrinter(new MinimalPrettyPrinter(""));
            for (NetEvent e : events) {
                reference(e, g);
                g.writeRaw('\n');
            }
        }
        return w.toString();
    }

    /** One event's object: the fields of EventFields.ALL its class has in JSON, nested as their jsonObject says. */
    static void reference(NetEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        String open = null;
        for (EventField f : EventFields.ALL) {
            if (!f.inJson(e.eventClass())) continue;
            Object v = f.value(e);
            if (omitted(f, v)) continue;
            String object = f.jsonObject();
            if (!java.util.Objects.equals(open, object)) {
                if (open != null) g.writeEndObject();
                open = object;
                if (open != null) {
                    g.writeFieldName(open);
                    g.writeStartObject();
                }
            }
            g.writeFieldName(f.jsonKey());
            value(g, f, v);
        }
        if (open != null) g.writeEndObject();
        g.writeEndObject();
    }

    private static boolean omitted(EventField f, Object v) {
        return v == null || !(f.jsonEvenUnknown() || f.known(v)) || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static final IsoTimestamps TIMESTAMPS = new IsoTimestamps();

    private static void value(JsonGenerator g, EventField f, Object v) throws IOException {
        if (v instanceof Long n) g.writeNumber(n);
        else if (v instanceof Integer n) g.writeNumber(n);
        else if (v instanceof Double d) {
            if (Double.isFinite(d)) g.writeNumber(f.text(d));
            else g.writeNumber(d);
        } else if (v instanceof Boolean b) g.writeBoolean(b);
        else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) g.writeString(String.valueOf(o));
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> en : map.entrySet()) g.writeStringField((String) en.getKey(), (String) en.getValue());
            g.writeEndObject();
        } else if (v instanceof Instant t && f.defaultTextual()) {
            g.writeString(TIMESTAMPS.format(t));
        } else {
            g.writeString(f.text(v));
        }
    }

    static String sink(List<NetEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonLinesSink s = new JsonLinesSink(w)) {
            for (NetEvent e : events) s.accept(e);
        }
        return w.toString();
    }

    private static void assertSameLines(String expected, String actual) {
        if (!expected.equals(actual)) {
            String[] e = expected.split("\n", -1);
            String[] a = actual.split("\n", -1);
            for (int i = 0; i < Math.min(e.length, a.length); i++) assertEquals(e[i], a[i], "line " + i);
        }
        assertEquals(expected, actual);
    }

    // --- strings

    private static String jacksonString(String s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = EventJson.FACTORY.createGenerator(w)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String ours(String s) {
        CharRow row = new CharRow(16);
        JsonStrings.append(row, s);
        return row.toString();
    }

    /** Every char alone, between letters, and repeated; plus surrogates paired, reversed and at either end. */
    private static List<String> everyCharTexts() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            String ch = String.valueOf((char) c);
            out.add(ch);
            out.add("a" + ch + "b");
            out.add(ch + ch + "xyz" + ch);
        }
        out.addAll(List.of("", "\uD83D\uDE42", "\uDE42\uD83D", "x\uD83D", "\uDE42x", "\uD83D\uD83D", "a\"b\\c\u0000\u001F\u007F/</script>"));
        return out;
    }

    @Test
    void everyCharInAStringAsJacksonWritesIt() {
        for (String s : everyCharTexts()) {
            String expected = jacksonString(s);
            String actual = ours(s);
            if (!expected.equals(actual)) {
                assertEquals(expected, actual, "chars " + Arrays.toString(s.chars().mapToObj(Integer::toHexString).toArray()));
            }
        }
        assertEquals(jacksonString(null), ours(null), "a null string");
    }

    @Test
    void everyCharInRawFieldKeysAndValuesAsJacksonWritesIt() throws IOException {
        List<String> texts = everyCharTexts();
        List<NetEvent> events = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 512) {
            Map<String, String> raw = new LinkedHashMap<>();
            for (int i = from; i < Math.min(texts.size(), from + 512); i++) raw.put(texts.get(i), texts.get(texts.size() - 1 - i));
            raw.put("null value", null);
            events.add(new RawEvent(header(Instant.EPOCH, raw, Enrichment.NONE), "p", 1, 0, ""));
        }
        assertSameLines(reference(events), sink(events));
    }

    @Test
    void fieldNamesAreQuotedAsJacksonWritesThem() throws IOException {
        for (String name : List.of("pid", "a\"b", "\u0001\u001f\\", "é€")) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = EventJson.FACTORY.createGenerator(w)) {
                g.writeStartObject();
                g.writeFieldName(name);
                g.writeNumber(1);
                g.writeEndObject();
            }
            assertEquals(w.toString(), "{" + JsonStrings.key(name) + "1}");
        }
    }

    // --- whole events

    @Test
    void goldenAndEveryKindAsJacksonWroteThem() throws IOException {
        assertSameLines(reference(GoldenEvents.all()), sink(GoldenEvents.all()));
        assertSameLines(reference(Events.everyKind()), sink(Events.everyKind()));
    }

    @Test
    void randomEventsAsJacksonWroteThem() throws IOException {
        Random r = new Random(21);
        List<NetEvent> events = new ArrayList<>();
        Enrichment shared = null;
        for (int i = 0; i < 20_000; i++) {
            if (shared == null || r.nextInt(3) == 0) shared = enrichment(r); // runs of one object: the sink's cache
            events.add(random(r, i, shared));
        }
        assertSameLines(reference(events), sink(events));
    }

    /** The public API writes the same text as a raw value; the generator still puts its separators between values. */
    @Test
    void eventJsonWriteIsTheSameRendering() throws IOException {
        Random r = new Random(7);
        List<NetEvent> events = new ArrayList<>(GoldenEvents.all());
        for (int i = 0; i < 200; i++) events.add(random(r, i, enrichment(r)));
        StringWriter expected = new StringWriter();
        StringWriter actual = new StringWriter();
        try (JsonGenerator ref = EventJson.FACTORY.createGenerator(expected);
             JsonGenerator g = EventJson.FACTORY.createGenerator(actual)) {
            for (NetEvent e : events) {
                reference(e, ref);
                EventJson.write(e, g);
            }
        }
        assertEquals(expected.toString(), actual.toString());
    }

    private static final String CHARS = "ab,\"\\\r\n\t\u0000\u001f\u007f/#=+-' ;xé€\u2028🙂0\uD800";

    private static String text(Random r) {
        if (r.nextInt(5) == 0) return null;
        int n = r.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
        return sb.toString();
    }

    private static final double[] COORDINATES = {51.5142, -0.0931, 0.0, -0.0, -97.822, 1e-5, 1e21, 37.751,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};

    private static Double coordinate(Random r) {
        int i = r.nextInt(COORDINATES.length + 2);
        return i == COORDINATES.length ? null : i > COORDINATES.length ? r.nextDouble() * 360 - 180 : COORDINATES[i];
    }

    private static Enrichment enrichment(Random r) {
        if (r.nextInt(4) == 0) return Enrichment.NONE;
        return new Enrichment(
                r.nextInt(5) == 0 ? null : new GeoLocation(text(r), text(r), text(r), text(r), coordinate(r), coordinate(r)),
                r.nextInt(5) == 0 ? null : new AutonomousSystem(r.nextInt(4) == 0 ? null : (long) r.nextInt(400_000), text(r)),
                r.nextBoolean() ? null : new DropListing(text(r) + "x"), r.nextBoolean() ? null : new SpecialRange("p" + text(r)),
                r.nextBoolean() ? null : new IpFireFlags(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean()));
    }

    private static EventHeader header(Instant t, Map<String, String> raw, Enrichment en) {
        return new EventHeader(t, Source.ETW_KERNEL_NETWORK, 4, "System", null, 6, Endpoint.NONE, Endpoint.NONE, raw, en, null);
    }

    private static List<String> strings(Random r) {
        List<String> out = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            String s = text(r);
            out.add(s == null ? "" : s);
        }
        return out;
    }

    static NetEvent random(Random r, int i, Enrichment en) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            String key = text(r);
            raw.put(key == null ? "k" + k : key + k, text(r));
        }
        Source[] sources = Source.values();
        long[] instants = {0, -1, 1_700_000_000L, 253_402_300_800L /* year 10000 */, -62_167_219_201L /* year -1 */};
        Instant t = Instant.ofEpochSecond(r.nextInt(8) == 0 ? instants[r.nextInt(instants.length)] : 1_700_000_000L + r.nextInt(3),
                r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000));
        long[] pids = {-1, 0, 4, Long.MAX_VALUE, r.nextInt(100_000)};
        EventHeader h = new EventHeader(t, sources[r.nextInt(sources.length)], pids[r.nextInt(pids.length)], text(r), text(r),
                new int[] {-1, 1, 6, 17, 58, 200}[r.nextInt(6)],
                CsvSinkReferenceTest.endpoint(r), CsvSinkReferenceTest.endpoint(r), raw, en,
                text(r), Correlation.of(text(r), r.nextBoolean() ? null : PidSource.CORRELATED));
        return switch (i % 5) {
            case 0 -> new FirewallEvent(h, FirewallEventType.values()[r.nextInt(FirewallEventType.values().length)],
                    Direction.values()[r.nextInt(Direction.values().length)], r.nextInt(100) - 1, text(r), r.nextInt(100) - 1, text(r), text(r));
            case 1 -> new SocketEvent(h, SocketOp.values()[r.nextInt(SocketOp.values().length)],
                    CallPhase.values()[r.nextInt(CallPhase.values().length)], Direction.values()[r.nextInt(Direction.values().length)],
                    r.nextLong(), r.nextInt(30) - 1, r.nextInt(4) - 1, r.nextInt(70_000) - 1, r.nextBoolean() ? Long.MIN_VALUE + 1 : r.nextInt(70_000) - 1,
                    r.nextInt(3) == 0 ? 0xC0000236L : 0, text(r));
            case 2 -> new DnsEvent(h, text(r), r.nextInt(40) - 1, r.nextInt(3) == 0 ? 9003 : 0, text(r), strings(r));
            case 3 -> new PacketEvent(h, Direction.values()[r.nextInt(Direction.values().length)], text(r), strings(r),
                    r.nextInt(5) - 1, r.nextInt(5) - 1, r.nextInt(1600) - 1, r.nextInt(1600) - 1, r.nextInt(300) - 1, text(r),
                    r.nextInt(5) - 1, text(r), r.nextBoolean(), r.nextInt(3) - 1,
                    r.nextBoolean() ? null : new byte[] {(byte) r.nextInt(256), 0, (byte) 0xff});
            default -> new RawEvent(h, text(r), r.nextInt(2000) - 1, r.nextInt(5) - 1, r.nextBoolean() ? "" : "00ff");
        };
    }
}
