package wstool.core.sink;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import wstool.core.model.EventClass;
import wstool.core.model.NetEvent;

/**
 * Renders events in their JSON form ({@link EventJson}) straight into a {@link CharRow}: the fields of
 * {@link EventFields#ALL} that the event's class has in JSON, in that order, absent and unknown values omitted,
 * compact (no spaces). The bytes are those Jackson's generator wrote before (default settings, see
 * {@link JsonStrings}); a test checks them against it.
 * <p>
 * Per event class a {@link Plan} lists the fields to look at; member keys (<code>"pid":</code>,
 * <code>"local":{</code>) are quoted and escaped once, numbers are appended as primitives, the {@code enrichment}
 * object is rendered once per enrichment object (the events of one remote address share it through the enricher's
 * cache) and copied after that, and the {@code raw} object is the last one's text again when its strings are the
 * last event's. Plus the caches of repeating texts. Not thread-safe: one per writer.
 */
final class JsonRows {
    private static final EventField[] FIELDS = EventFields.ALL.toArray(EventField[]::new);
    /** Per field of {@link #FIELDS}: its key and colon, quoted and escaped; null when not in JSON. */
    private static final char[][] KEYS = new char[FIELDS.length][];
    /**
     * Per field: the key and brace that open its nested object (<code>"local":{</code>), null at the top level; one
     * string per object, so that fields of one object can be told by reference.
     */
    private static final char[][] OBJECTS = new char[FIELDS.length][];
    private static final char[] ENRICHMENT_KEY;

    static {
        Map<String, char[]> objects = new HashMap<>();
        for (int i = 0; i < FIELDS.length; i++) {
            EventField f = FIELDS[i];
            if (f.jsonKey() != null) KEYS[i] = JsonStrings.key(f.jsonKey()).toCharArray();
            if (f.jsonObject() != null) OBJECTS[i] = objects.computeIfAbsent(f.jsonObject(), o -> (JsonStrings.key(o) + '{').toCharArray());
        }
        ENRICHMENT_KEY = JsonStrings.key(FIELDS[Plan.ENRICHMENT_FIRST].jsonObject()).toCharArray();
    }

    /** Per enum type, its constants' names as JSON strings (made once: several members of every event are enums). */
    private static final ClassValue<char[][]> QUOTED_NAMES = new ClassValue<>() {
        @Override
        protected char[][] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            char[][] names = new char[constants.length][];
            for (int i = 0; i < constants.length; i++) {
                CharRow row = new CharRow(32);
                JsonStrings.append(row, ((Enum<?>) constants[i]).name());
                names[i] = row.toString().toCharArray();
            }
            return names;
        }
    };

    private final ValueTexts texts = new ValueTexts();
    /** Per field of {@link #FIELDS}: the kind of its values. */
    private final ValueKind.Cache[] kinds = new ValueKind.Cache[FIELDS.length];
    private final Map<Class<? extends NetEvent>, Plan> plans = new HashMap<>();
    private Plan lastPlan;
    private final PartMemo lastEnrichment = new PartMemo(EventField.Part.ENRICHMENT);
    private boolean lastEnrichmentKnown;
    private final RawMembers rawMembers = new RawMembers();
    private final LastRawFields lastRaw = new LastRawFields();
    private final CharRow.Kept lastRawText = new CharRow.Kept();

    /** The nested object being written (its {@link #OBJECTS} string), null at the top level. */
    private char[] open;
    /** Nothing written yet in the innermost open object. */
    private boolean first;

    JsonRows() {
        for (int i = 0; i < kinds.length; i++) kinds[i] = new ValueKind.Cache();
    }

    /** Appends the event's JSON object. */
    void write(NetEvent e, CharRow out) {
        Plan p = lastPlan;
        if (p == null || p.type != e.getClass()) lastPlan = p = plans.computeIfAbsent(e.getClass(), t -> new Plan(t, e.eventClass()));
        out.append('{');
        open = null;
        first = true;
        for (int i : p.fields) {
            if (i == Plan.ENRICHMENT_FIRST) {
                closeObject(out);
                if (enrichment(e, out, first)) first = false;
            } else if (i == Plan.CONVERSATION_FIRST) {
                conversation(p, e, out);
            } else {
                member(i, e, out);
            }
        }
        closeObject(out);
        out.append('}');
    }

    private void closeObject(CharRow out) {
        if (open != null) out.append('}');
        open = null;
    }

    /** Field {@code i}'s member, in its nested object; nothing when the event has no value for it. */
    private void member(int i, NetEvent e, CharRow out) {
        EventField f = FIELDS[i];
        Object v = null;
        long n = EventField.NO_NUMBER;
        if (f.hasWhole()) { // no boxing (see CsvSink)
            n = f.whole(e);
            if (n == EventField.NO_NUMBER || !(f.jsonEvenUnknown() || f.knownWhole(n))) return;
        } else {
            v = f.value(e);
            if (omitted(i, f, v)) return;
        }
        char[] object = OBJECTS[i];
        if (object != open) {
            closeObject(out);
            open = object;
            if (open != null) {
                if (!first) out.append(',');
                out.append(open);
                first = true;
            }
        }
        if (!first) out.append(',');
        first = false;
        out.append(KEYS[i]);
        if (f.hasWhole()) out.append(n);
        else value(out, i, f, v);
    }

    /**
     * The {@code ip_protocol}, {@code local} and {@code remote} members, rendered once per conversation: while an
     * event has the very same (immutable) endpoints and protocol as the last one, they are its text again (see
     * {@link EventField.Part#CONVERSATION}).
     */
    private void conversation(Plan p, NetEvent e, CharRow out) {
        closeObject(out);
        if (p.conversation.repeats(e.header()) && first == p.firstBeforeConversation) {
            p.conversation.text.appendTo(out);
            first = p.firstAfterConversation;
            return;
        }
        p.firstBeforeConversation = first;
        int start = out.length();
        for (int i : p.conversationFields) member(i, e, out);
        closeObject(out);
        p.conversation.keep(out, start, e.header());
        p.firstAfterConversation = first;
    }

    /**
     * The {@code enrichment} member, nothing when it knows nothing; its text made once per enrichment object.
     * Returns whether it wrote the member.
     */
    private boolean enrichment(NetEvent e, CharRow out, boolean first) {
        int mark = out.length();
        if (!first) out.append(',');
        out.append(ENRICHMENT_KEY);
        int start = out.length();
        if (!lastEnrichment.repeats(e.header())) {
            enrichmentObject(e, out);
            lastEnrichmentKnown = out.length() > start;
            lastEnrichment.keep(out, start, e.header());
        } else if (lastEnrichmentKnown) {
            lastEnrichment.text.appendTo(out);
        }
        if (!lastEnrichmentKnown) out.setLength(mark);
        return lastEnrichmentKnown;
    }

    /** The event's enrichment fields as a JSON object; nothing when none is known. */
    private void enrichmentObject(NetEvent e, CharRow out) {
        boolean any = false;
        for (int i = Plan.ENRICHMENT_FIRST; i <= Plan.ENRICHMENT_LAST; i++) {
            EventField f = FIELDS[i];
            Object v = f.value(e);
            if (omitted(i, f, v)) continue;
            out.append(any ? ',' : '{');
            any = true;
            out.append(KEYS[i]);
            value(out, i, f, v);
        }
        if (any) out.append('}');
    }

    /** Absent, unknown (unless the field keeps its unknown -1) or an empty map: not in the JSON form. */
    private boolean omitted(int i, EventField f, Object v) {
        return v == null || !(f.jsonEvenUnknown() || f.known(v)) || kinds[i].of(v) == ValueKind.MAP && ((Map<?, ?>) v).isEmpty();
    }

    /** A value as the generator wrote it (writeNumber, writeBoolean, writeString, arrays and objects of strings). */
    private void value(CharRow out, int i, EventField f, Object v) {
        int kind = kinds[i].of(v);
        if (!f.defaultTextual() && (kind == ValueKind.STRING || kind == ValueKind.ENUM || kind == ValueKind.ADDRESS
                || kind == ValueKind.INSTANT)) {
            kind = ValueKind.OTHER; // the field's own text (numbers, maps and lists are written as they are)
        }
        switch (kind) {
            case ValueKind.STRING -> JsonStrings.append(out, (String) v);
            case ValueKind.ENUM -> out.append(QUOTED_NAMES.get(((Enum<?>) v).getDeclaringClass())[((Enum<?>) v).ordinal()]);
            case ValueKind.INTEGER -> out.append((long) (Integer) v);
            case ValueKind.LONG -> out.append((long) (Long) v);
            case ValueKind.ADDRESS -> JsonStrings.append(out, texts.address(f, (InetAddress) v));
            case ValueKind.INSTANT -> {
                out.append('"'); // ISO-8601 text: digits and "+-:.TZ", nothing to escape
                texts.timestamps.appendTo(out, (Instant) v);
                out.append('"');
            }
            case ValueKind.MAP -> object(out, f, (Map<?, ?>) v);
            case ValueKind.DOUBLE -> {
                // finite: Double.toString's text, as writeNumber(double) writes it; NaN and the infinities as
                // strings, as Jackson does by default (WRITE_NAN_AS_STRINGS)
                Double d = (Double) v;
                if (Double.isFinite(d)) out.append(texts.number(f, d));
                else JsonStrings.append(out, d.toString());
            }
            case ValueKind.BOOLEAN -> out.append((Boolean) v ? "true" : "false");
            case ValueKind.LIST -> {
                out.append('[');
                boolean more = false;
                for (Object o : (List<?>) v) {
                    if (more) out.append(',');
                    more = true;
                    JsonStrings.append(out, String.valueOf(o));
                }
                out.append(']');
            }
            default -> JsonStrings.append(out, f.text(v));
        }
    }

    /**
     * A map of strings as an object. For the raw fields, the last event's text again when they are the very same
     * strings (consecutive events of one kind often are, see {@link LastRawFields}).
     */
    @SuppressWarnings("unchecked")
    private void object(CharRow out, EventField f, Map<?, ?> map) {
        boolean raw = f == EventFields.RAW;
        if (raw && lastRaw.unchanged((Map<String, String>) map)) {
            lastRawText.appendTo(out);
            return;
        }
        int start = out.length();
        out.append('{');
        rawMembers.out = out;
        rawMembers.first = true;
        map.forEach(rawMembers);
        out.append('}');
        if (raw) lastRawText.keep(out, start);
    }

    /** The members of a map of strings (the raw fields), walked without entry objects. */
    private static final class RawMembers implements BiConsumer<Object, Object> {
        CharRow out;
        boolean first;

        @Override
        public void accept(Object k, Object v) {
            if (!first) out.append(',');
            first = false;
            JsonStrings.append(out, (String) k);
            out.append(':');
            JsonStrings.append(out, (String) v);
        }
    }

    /**
     * The fields an event class has in JSON, as indices into {@link EventFields#ALL}. The fields of one part, which
     * stand together there, are one entry: {@link #ENRICHMENT_FIRST} (the {@code enrichment} object) and
     * {@link #CONVERSATION_FIRST} (protocol and endpoints, with the last text they were rendered to).
     */
    private static final class Plan {
        static final int ENRICHMENT_FIRST = EventFields.ALL.indexOf(EventFields.COUNTRY_CODE);
        static final int ENRICHMENT_LAST = EventFields.ALL.indexOf(EventFields.HOSTILE_DROP);
        static final int CONVERSATION_FIRST = EventFields.ALL.indexOf(EventFields.PROTOCOL);
        static final int CONVERSATION_LAST = EventFields.ALL.indexOf(EventFields.SERVICE);

        static {
            for (int i = 0; i < EventFields.ALL.size(); i++) {
                EventField.Part part = EventFields.ALL.get(i).part();
                if ((part == EventField.Part.ENRICHMENT) != (i >= ENRICHMENT_FIRST && i <= ENRICHMENT_LAST)
                        || (part == EventField.Part.CONVERSATION) != (i >= CONVERSATION_FIRST && i <= CONVERSATION_LAST)) {
                    throw new IllegalStateException("the fields of one part must stand together in EventFields.ALL");
                }
            }
        }

        final Class<? extends NetEvent> type;
        final int[] fields;
        final int[] conversationFields;
        /** The conversation members' last text, and {@link JsonRows#first} before and after them then. */
        final PartMemo conversation = new PartMemo(EventField.Part.CONVERSATION);
        boolean firstBeforeConversation;
        boolean firstAfterConversation;

        Plan(Class<? extends NetEvent> type, EventClass cls) {
            this.type = type;
            List<Integer> in = new ArrayList<>();
            List<Integer> inConversation = new ArrayList<>();
            for (int i = 0; i < EventFields.ALL.size(); i++) {
                EventField f = EventFields.ALL.get(i);
                if (!f.inJson(cls) || !f.mayHave(type)) continue;
                if (f.part() == EventField.Part.ENRICHMENT && i != ENRICHMENT_FIRST) continue;
                if (f.part() == EventField.Part.CONVERSATION) {
                    if (inConversation.isEmpty()) in.add(CONVERSATION_FIRST);
                    inConversation.add(i);
                    continue;
                }
                in.add(i);
            }
            this.fields = in.stream().mapToInt(Integer::intValue).toArray();
            this.conversationFields = inConversation.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
