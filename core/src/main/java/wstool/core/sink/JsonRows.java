package wstool.core.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.Enrichment;
import wstool.core.model.EventClass;
import wstool.core.model.NetEvent;

/**
 * Writes events in their JSON form ({@link EventJson}) for one stream: the fields of {@link EventFields#ALL} that the
 * event's class has in JSON, in that order, absent and unknown values omitted. Per event class it keeps the list of
 * fields to look at, and the {@code enrichment} object is rendered once per enrichment object (the events of one
 * remote address share it through the enricher's cache) and written as it was after that. Plus the caches of
 * repeating texts. Not thread-safe: one per writer.
 */
final class JsonRows {
    /** Field names and nested-object names, quoted and escaped once (parallel to {@link EventFields#ALL}). */
    private static final SerializedString[] KEYS = EventFields.ALL.stream()
            .map(f -> f.jsonKey() == null ? null : new SerializedString(f.jsonKey())).toArray(SerializedString[]::new);
    private static final SerializedString[] OBJECTS = EventFields.ALL.stream()
            .map(f -> f.jsonObject() == null ? null : new SerializedString(f.jsonObject())).toArray(SerializedString[]::new);

    private final ValueTexts texts = new ValueTexts();
    private final Map<Class<? extends NetEvent>, Plan> plans = new HashMap<>();
    private Plan lastPlan;
    private Enrichment lastEnrichment;
    private String lastEnrichmentJson;
    private final CharArrayWriter enrichmentText = new CharArrayWriter(256);
    private JsonGenerator enrichmentGenerator;

    void write(NetEvent e, JsonGenerator g) throws IOException {
        Plan p = lastPlan;
        if (p == null || p.type != e.getClass()) lastPlan = p = plans.computeIfAbsent(e.getClass(), t -> new Plan(t, e.eventClass()));
        g.writeStartObject();
        String open = null;
        for (int i : p.fields) {
            if (i == Plan.ENRICHMENT_FIRST) {
                if (open != null) g.writeEndObject();
                open = null;
                enrichment(e, g);
                continue;
            }
            EventField f = EventFields.ALL.get(i);
            Object v = null;
            long n = EventField.NO_NUMBER;
            if (f.hasWhole()) { // no boxing (see CsvSink)
                n = f.whole(e);
                if (n == EventField.NO_NUMBER || !(f.jsonEvenUnknown() || f.knownWhole(n))) continue;
            } else {
                v = f.value(e);
                if (omitted(f, v)) continue;
            }
            String object = f.jsonObject();
            if (!java.util.Objects.equals(open, object)) {
                if (open != null) g.writeEndObject();
                open = object;
                if (open != null) {
                    g.writeFieldName(OBJECTS[i]);
                    g.writeStartObject();
                }
            }
            g.writeFieldName(KEYS[i]);
            if (f.hasWhole()) g.writeNumber(n);
            else value(g, f, v);
        }
        if (open != null) g.writeEndObject();
        g.writeEndObject();
    }

    /** The {@code enrichment} object, nothing when it knows nothing; its text made once per enrichment object. */
    private void enrichment(NetEvent e, JsonGenerator g) throws IOException {
        Enrichment en = e.header().enrichment();
        if (en != lastEnrichment) {
            lastEnrichmentJson = render(e);
            lastEnrichment = en;
        }
        if (lastEnrichmentJson.isEmpty()) return;
        g.writeFieldName(OBJECTS[Plan.ENRICHMENT_FIRST]);
        g.writeRawValue(lastEnrichmentJson);
    }

    /**
     * The event's enrichment fields as a JSON object, written by a generator set up as the sink's; "" when none is
     * known.
     */
    private String render(NetEvent e) throws IOException {
        if (enrichmentGenerator == null) {
            enrichmentGenerator = EventJson.FACTORY.createGenerator(enrichmentText);
            enrichmentGenerator.setPrettyPrinter(new MinimalPrettyPrinter(""));
        }
        JsonGenerator g = enrichmentGenerator;
        enrichmentText.reset();
        boolean any = false;
        for (int i = Plan.ENRICHMENT_FIRST; i <= Plan.ENRICHMENT_LAST; i++) {
            EventField f = EventFields.ALL.get(i);
            Object v = f.value(e);
            if (omitted(f, v)) continue;
            if (!any) g.writeStartObject();
            any = true;
            g.writeFieldName(KEYS[i]);
            value(g, f, v);
        }
        if (!any) return "";
        g.writeEndObject();
        g.flush();
        return enrichmentText.toString();
    }

    /** Absent, unknown (unless the field keeps its unknown -1) or an empty map: not in the JSON form. */
    private static boolean omitted(EventField f, Object v) {
        return v == null || !(f.jsonEvenUnknown() || f.known(v)) || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private void value(JsonGenerator g, EventField f, Object v) throws IOException {
        if (v instanceof Long n) g.writeNumber(n);
        else if (v instanceof Integer n) g.writeNumber(n);
        else if (v instanceof Double d) {
            if (Double.isFinite(d)) g.writeNumber(texts.number(f, d)); // Double.toString's text, as writeNumber(double)
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
            g.writeString(texts.timestamps.format(t));
        } else if (v instanceof InetAddress a && f.defaultTextual()) {
            g.writeString(texts.address(f, a));
        } else {
            g.writeString(f.text(v));
        }
    }

    /**
     * The fields an event class has in JSON, as indices into {@link EventFields#ALL}; the enrichment fields, which
     * stand together there and form the {@code enrichment} object, are the one entry {@link #ENRICHMENT_FIRST}.
     */
    private static final class Plan {
        static final int ENRICHMENT_FIRST = EventFields.ALL.indexOf(EventFields.COUNTRY_CODE);
        static final int ENRICHMENT_LAST = EventFields.ALL.indexOf(EventFields.HOSTILE_DROP);

        static {
            for (int i = 0; i < EventFields.ALL.size(); i++) {
                boolean inRun = i >= ENRICHMENT_FIRST && i <= ENRICHMENT_LAST;
                if (EventFields.ALL.get(i).ofEnrichment() != inRun) {
                    throw new IllegalStateException("the enrichment fields must stand together in EventFields.ALL");
                }
            }
        }

        final Class<? extends NetEvent> type;
        final int[] fields;

        Plan(Class<? extends NetEvent> type, EventClass cls) {
            this.type = type;
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < EventFields.ALL.size(); i++) {
                EventField f = EventFields.ALL.get(i);
                if (!f.inJson(cls) || !f.mayHave(type)) continue;
                if (f.ofEnrichment() && i != ENRICHMENT_FIRST) continue;
                in.add(i);
            }
            this.fields = in.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
