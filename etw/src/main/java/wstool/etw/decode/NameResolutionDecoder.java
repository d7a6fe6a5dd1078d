package wstool.etw.decode;

import wstool.core.model.DnsEvent;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Microsoft-Windows-Winsock-NameResolution (user mode: the header PID is the caller): events with a NodeName become
 * DnsEvents (Family 2/23 as query type A/AAAA, Status as a Winsock error, Result split at ';'), the others raw.
 */
final class NameResolutionDecoder implements ProviderDecoder {
    private final RawFields raw;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    NameResolutionDecoder(RawFields raw) { this.raw = raw; }

    private record Layout(Field node, Field status, Field family, Field result) {
        Layout(EventSchema s) {
            this(Field.of(s, "NodeName"), Field.of(s, "Status"), Field.of(s, "Family"), Field.of(s, "Result"));
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        if (!f.has(l.node)) return raw.raw(v, Source.ETW_DNS, f, f.problem());
        String name = f.string(l.node);
        boolean hasStatus = f.has(l.status);
        long status = hasStatus ? f.number(l.status) : 0;
        long family = f.has(l.family) ? f.number(l.family) : 0;
        int qtype = family == 2 ? 1 : family == 23 ? 28 : -1;
        List<String> results = new ArrayList<>();
        if (f.has(l.result)) {
            for (String r : f.string(l.result).split(";")) if (!r.isBlank()) results.add(r.trim());
        }
        Map<String, String> m = raw.map(v, f);
        long pid = RawFields.plausiblePid(v.pid()) ? v.pid() : -1;
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_DNS, pid, null, null, -1, null, null, m, null);
        return new DnsEvent(h, name, qtype, status, hasStatus ? WinsockStatus.name(status) : null, results);
    }
}
