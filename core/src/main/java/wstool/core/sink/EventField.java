package wstool.core.sink;

import wstool.core.net.Addresses;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
    }

    static Builder field(String name, Function<NetEvent, Object> value) { return new Builder(name, value); }

    /** The snake_case name: CSV column, detail label. */
    public String name() { return name; }

    /** The model value, or null when this event has none (an unknown -1 is returned as is; see {@link #known}). */
    public Object value(NetEvent e) { return value.apply(e); }

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
        private Function<Object, String> text = EventField::defaultText;

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

        EventField build() { return new EventField(this); }
    }
}
