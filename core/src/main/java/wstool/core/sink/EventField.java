package wstool.core.sink;

import wstool.core.net.Addresses;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import wstool.core.model.EventClass;
import wstool.core.model.NetEvent;

/**
 * One field of an event as every output sees it: its name (the CSV column and the detail pane's label), where it
 * sits in the JSON form, and how its value is read from an event. The fields themselves are listed once, in
 * {@link EventFields}; CSV, JSON Lines and the detail pane walk that list instead of keeping their own.
 * <p>
 * Values are the model's own: {@code String}, {@code Long}/{@code Integer}, {@code Double}, an enum, {@code Instant},
 * {@code InetAddress}, {@code List<String>} or {@code Map<String,String>}; null when the event does not have it.
 */
public final class EventField {
    private final String name;
    private final String jsonObject;
    private final String jsonKey;
    private final Set<EventClass> jsonClasses;
    private final boolean jsonEvenUnknown;
    private final boolean negativeIsUnknown;
    private final boolean inDetail;
    private final Function<Object, String> text;
    private final Function<NetEvent, Object> value;
    private final Class<? extends NetEvent> only;
    private final ToLongFunction<NetEvent> whole;
    private final Part part;

    /**
     * What a field's value is a function of, so that a sink may render the cells of one part once and copy them
     * while the part is the same object(s): the events of one remote address share their enrichment (the
     * enricher's cache), those of one conversation their endpoints (the decoders reuse them).
     */
    enum Part {
        /** Anything of the event. */
        EVENT,
        /** The event's {@link wstool.core.model.Enrichment} alone. */
        ENRICHMENT,
        /** The header's local and remote endpoints and IP protocol alone. */
        CONVERSATION
    }

    /** {@link #whole}'s answer when the event has no value. */
    static final long NO_NUMBER = Long.MIN_VALUE;

    private EventField(Builder b) {
        this.name = b.name;
        this.jsonObject = b.jsonObject;
        this.jsonKey = b.jsonKey;
        this.jsonClasses = b.jsonClasses;
        this.jsonEvenUnknown = b.jsonEvenUnknown;
        this.negativeIsUnknown = b.negativeIsUnknown;
        this.inDetail = b.inDetail;
        this.text = b.text;
        this.value = b.value;
        this.only = b.only;
        this.whole = b.whole;
        this.part = b.part;
        if (whole != null && text != DEFAULT_TEXT && !b.digitsText) {
            throw new IllegalStateException(name + ": a whole-number field's text must be its digits");
        }
    }

    static Builder field(String name, Function<NetEvent, Object> value) { return new Builder(name, value); }

    /**
     * A whole-number field read once, as a primitive: {@code get} gives {@link #NO_NUMBER} when the event has none;
     * {@link #value} is that number boxed as a Long.
     */
    static Builder longs(String name, ToLongFunction<NetEvent> get) {
        return new Builder(name, e -> {
            long n = get.applyAsLong(e);
            return n == NO_NUMBER ? null : (Object) n;
        }).whole(get);
    }

    /** As {@link #longs}, for the model's int fields: the value is boxed as an Integer, as their accessors give it. */
    static Builder ints(String name, ToLongFunction<NetEvent> get) {
        return new Builder(name, e -> {
            long n = get.applyAsLong(e);
            return n == NO_NUMBER ? null : (Object) (int) n;
        }).whole(get);
    }

    /** The snake_case name: CSV column, detail label. */
    public String name() { return name; }

    /** The model value, or null when this event has none (an unknown -1 is returned as is; see {@link #known}). */
    public Object value(NetEvent e) { return mayHave(e) ? value.apply(e) : null; }

    /**
     * Whether an event of this class can have a value: false for a field of another class's events (a firewall
     * field of a socket event), which sinks skip without reading it.
     */
    boolean mayHave(NetEvent e) { return only == null || only.isInstance(e); }

    /** {@link #mayHave} for every event of class {@code type}. */
    boolean mayHave(Class<? extends NetEvent> type) { return only == null || only.isAssignableFrom(type); }

    /** What the value is a function of (see {@link Part}). */
    Part part() { return part; }

    /** Whether {@link #whole} reads the value as a primitive (whole-number fields whose text is their digits). */
    boolean hasWhole() { return whole != null; }

    /**
     * The value of a whole-number field without boxing it: {@link #value}'s number, {@link #NO_NUMBER} when that is
     * null. A sink's fast path; only for {@link #hasWhole} fields.
     */
    long whole(NetEvent e) { return mayHave(e) ? whole.applyAsLong(e) : NO_NUMBER; }

    /** Whether a {@link #whole} value is known (the primitive form of {@link #known}). */
    boolean knownWhole(long v) { return v != NO_NUMBER && !(negativeIsUnknown && v < 0); }

    /** Whether the event has a known value: not null and, for ids/ports/lengths, not the -1 of "unknown". */
    public boolean known(Object v) {
        return v != null && !(negativeIsUnknown && v instanceof Number n && n.longValue() < 0);
    }

    /** The known value as text ("" when unknown): what CSV cells and the detail pane show. */
    public String text(NetEvent e) {
        Object v = value(e);
        return known(v) ? text.apply(v) : "";
    }

    String text(Object v) { return text.apply(v); }

    /** Whether the text is the value's own ({@link #defaultText}), so a sink may format the value itself. */
    boolean defaultTextual() { return text == DEFAULT_TEXT; }

    /** The object this field is nested in in JSON ("local", "enrichment", ...), null at the top level. */
    String jsonObject() { return jsonObject; }

    /** The JSON key, null when the field is not part of the JSON form (derived, shown only). */
    String jsonKey() { return jsonKey; }

    /** Whether the JSON form of an event of class {@code c} has this field. */
    boolean inJson(EventClass c) { return jsonKey != null && jsonClasses.contains(c); }

    /** The JSON form writes the model value even when it is the unknown -1 (the socket and DNS numbers always were). */
    boolean jsonEvenUnknown() { return jsonEvenUnknown; }

    /** Whether the detail pane lists this field (the CSV-only {@code details} is shown there as its raw lines). */
    public boolean inDetail() { return inDetail; }

    private static final Function<Object, String> DEFAULT_TEXT = EventField::defaultText;

    static String defaultText(Object v) {
        if (v instanceof InetAddress a) return Addresses.text(a);
        if (v instanceof Enum<?> en) return en.name();
        if (v instanceof List<?> l) return String.join(" ", l.stream().map(String::valueOf).toList());
        if (v instanceof Map<?, ?>) throw new IllegalStateException("a map field has no single text: " + v);
        return v.toString();
    }

    static final class Builder {
        private final String name;
        private final Function<NetEvent, Object> value;
        private String jsonObject;
        private String jsonKey;
        private Set<EventClass> jsonClasses = EnumSet.allOf(EventClass.class);
        private boolean jsonEvenUnknown;
        private boolean negativeIsUnknown;
        private boolean inDetail = true;
        private Function<Object, String> text = DEFAULT_TEXT;
        private Class<? extends NetEvent> only;
        private ToLongFunction<NetEvent> whole;
        private boolean digitsText;
        private Part part = Part.EVENT;

        private Builder(String name, Function<NetEvent, Object> value) {
            this.name = name;
            this.value = value;
            this.jsonKey = name;
        }

        /** In JSON under another key, optionally inside an object ("local.address"). */
        Builder json(String object, String key) {
            this.jsonObject = object;
            this.jsonKey = key;
            return this;
        }

        Builder json(String key) { return json(null, key); }

        /** Only in the JSON of these classes (the value may exist for others: CSV shows every class's direction). */
        Builder jsonFor(EventClass first, EventClass... rest) {
            this.jsonClasses = EnumSet.of(first, rest);
            return this;
        }

        /** Shown, not part of the lossless JSON form. */
        Builder notInJson() {
            this.jsonKey = null;
            return this;
        }

        Builder notInDetail() {
            this.inDetail = false;
            return this;
        }

        /** -1 (any negative) means unknown: an empty CSV cell, omitted from JSON unless {@link #jsonEvenUnknown}. */
        Builder negativeIsUnknown() {
            this.negativeIsUnknown = true;
            return this;
        }

        Builder jsonEvenUnknown() {
            this.negativeIsUnknown = true;
            this.jsonEvenUnknown = true;
            return this;
        }

        Builder text(Function<Object, String> text) {
            this.text = text;
            return this;
        }

        /**
         * Only events of this class have the field: the value function is called with those alone (it may cast), the
         * others' value is null.
         */
        Builder only(Class<? extends NetEvent> type) {
            this.only = type;
            return this;
        }

        /** The value function reads nothing but the event's enrichment (see {@link Part}). */
        Builder ofEnrichment() {
            this.part = Part.ENRICHMENT;
            return this;
        }

        /** The value function reads nothing but the header's endpoints and IP protocol (see {@link Part}). */
        Builder ofConversation() {
            this.part = Part.CONVERSATION;
            return this;
        }

        private Builder whole(ToLongFunction<NetEvent> get) {
            this.whole = get;
            return this;
        }

        /** Text of the number's decimal digits, as the default text, from a cache (ports). */
        Builder digitsText(Function<Object, String> cachedDigits) {
            this.text = cachedDigits;
            this.digitsText = true;
            return this;
        }

        EventField build() { return new EventField(this); }
    }
}
