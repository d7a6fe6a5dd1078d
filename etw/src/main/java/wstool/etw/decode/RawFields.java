package wstool.etw.decode;

import wstool.core.model.EventHeader;
import wstool.core.model.RawEvent;
import wstool.core.model.RawFieldMap;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.SchemaRegistry;

import java.util.HexFormat;
import java.util.Map;

/** The {@code raw} map every decoded event carries, and the RawEvent of an event without network meaning. */
final class RawFields {
    private static final HexFormat HEX = HexFormat.of();

    private final SchemaRegistry registry;
    private final boolean enabled;

    /** @param enabled whether payload fields are copied into {@code raw} at all */
    RawFields(SchemaRegistry registry, boolean enabled) {
        this.registry = registry;
        this.enabled = enabled;
    }

    SchemaRegistry registry() { return registry; }

    Map<String, String> map(EventRecordView v, DecodedFields f) { return map(v, f, 0); }

    /** @param skip bit i set = field i is represented in the event model already; null when raw fields are off */
    Map<String, String> map(EventRecordView v, DecodedFields f, long skip) {
        if (!enabled) return null;
        EventSchema s = f.schema();
        Map<String, String> m = new RawFieldMap(f.count() + 4);
        m.put("event", s.eventName());
        m.put("eventId", Decimals.of(v.eventId()));
        if (v.pid() != 0xFFFFFFFFL) m.put("headerPid", Decimals.of(v.pid()));
        for (int i = 0; i < f.count(); i++) {
            if (i < 64 && (skip & 1L << i) != 0) continue;
            m.put(s.field(i).name(), f.format(i, registry.map(s.provider(), s.field(i).map())));
        }
        if (!f.complete()) m.put("decodeProblem", f.problem());
        return m;
    }

    /** Bit mask of the given fields (those the schema declares), for {@link #map(EventRecordView, DecodedFields, long)}. */
    static long mask(Field... fields) {
        long m = 0;
        for (Field x : fields) if (x.declared() && x.index() < 64) m |= 1L << x.index();
        return m;
    }

    /**
     * @param f the walked payload, or null when there is no schema
     * @param problem why the event is raw (null when it simply has no network meaning)
     */
    RawEvent raw(EventRecordView v, Source source, DecodedFields f, String problem) {
        Map<String, String> m = f != null ? map(v, f) : null;
        if (m == null) m = new RawFieldMap();
        if (problem != null) m.put("decodeProblem", problem);
        long pid = plausiblePid(v.pid()) ? v.pid() : -1;
        EventHeader h = new EventHeader(v.timestamp(), source, pid, null, null, -1, null, null, m, null);
        String provider = registry.providerName(v.providerId());
        return new RawEvent(h, provider != null ? provider : "{" + v.providerId() + "}", v.eventId(), v.version(),
                HEX.formatHex(v.data(), v.payloadOffset(), v.payloadOffset() + v.payloadLength()));
    }

    /** Header PIDs 0 (idle/DPC), 4 (System) and 0xFFFFFFFF (not set) say nothing about the caller. */
    static boolean plausiblePid(long pid) { return pid > 4 && pid != 0xFFFFFFFFL; }
}
