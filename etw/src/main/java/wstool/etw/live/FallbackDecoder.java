package wstool.etw.live;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import wstool.core.model.EventHeader;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;

/**
 * The {@link RawEvent} of an event no manifest schema covers: provider, id, version, payload hex, and the fields
 * its TDH schema names (when there is one) in the raw map.
 */
final class FallbackDecoder {

    private FallbackDecoder() {
    }

    /** The RawEvent for a record, with TDH-decoded fields in the header's raw map. */
    public static RawEvent toRaw(LiveEventRecord r, TdhSchema tdh) {
        EtwProvider known = EtwProvider.byGuid(r.provider());
        Source source = known == null ? Source.ETW_OTHER : known.source();
        String provider = tdh != null && tdh.providerName() != null ? tdh.providerName()
                : known != null ? known.name() : "{" + r.provider() + "}";
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("tid", Long.toString(r.tid()));
        raw.put("task", Integer.toString(r.task()));
        raw.put("opcode", Integer.toString(r.opcode()));
        if (tdh != null) {
            if (tdh.taskName() != null) {
                raw.put("taskName", tdh.taskName());
            }
            if (tdh.opcodeName() != null) {
                raw.put("opcodeName", tdh.opcodeName());
            }
            raw.putAll(TdhPayload.decode(tdh, r.payload(), pointerSize(r)));
        }
        EventHeader h = new EventHeader(r.instant(), source, r.pid(), null, null, -1, null, null, raw, null);
        return new RawEvent(h, provider, r.eventId(), r.version(), HexFormat.of().formatHex(r.payload()));
    }

    /** 4 with EVENT_HEADER_FLAG_32_BIT_HEADER, else 8. */
    static int pointerSize(LiveEventRecord r) {
        return (r.headerFlags() & 0x0020) != 0 ? 4 : 8;
    }
}
