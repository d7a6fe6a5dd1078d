package wstool.etw.decode;

import wstool.etw.schema.EventSchema;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a provider decoder works out once per schema (its {@link Field}s, the operation an event id means), kept by
 * the decoder itself. Events of one schema come in runs, so the last hit is checked first.
 */
final class SchemaCache<L> {
    private final Function<EventSchema, L> make;
    private final Map<EventSchema, L> layouts = new IdentityHashMap<>();
    private EventSchema last;
    private L lastLayout;

    SchemaCache(Function<EventSchema, L> make) { this.make = make; }

    /** @throws MissingFieldException when the schema lacks a field the layout requires */
    L get(EventSchema s) {
        if (s != last) {
            L l = layouts.get(s);
            if (l == null) {
                l = make.apply(s);
                layouts.put(s, l);
            }
            last = s;
            lastLayout = l;
        }
        return lastLayout;
    }
}
