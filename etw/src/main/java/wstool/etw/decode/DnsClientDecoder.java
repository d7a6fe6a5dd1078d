package wstool.etw.decode;

import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.InType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Microsoft-Windows-DNS-Client (logged in the caller's process: the header PID is the caller). Query and response
 * events (those with a QueryName: 3006 query, 3008 completed, 3010/3011 sent to / answered by a server, 3018/3020
 * cache and network results, …) become DnsEvents: QueryType as the RR type, the status of QueryStatus, Status or
 * ResponseStatus (whichever the event has; none = 0 with no name), QueryResults split at ';'; every field also in {@code raw}, as for NameResolution. The rest stay raw; those
 * naming a server by SOCKADDR (1001 DnsServerForInterface: AddressLength, Address) carry it as the remote address.
 */
final class DnsClientDecoder implements ProviderDecoder {
    private final RawFields raw;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    DnsClientDecoder(RawFields raw) { this.raw = raw; }

    private static final class Layout {
        final Field name, type, status, results, server;
        final boolean serverIsSockaddr;

        Layout(EventSchema s) {
            name = Field.of(s, "QueryName");
            type = Field.of(s, "QueryType");
            Field st = Field.of(s, "QueryStatus");
            if (!st.declared()) st = Field.of(s, "Status");
            if (!st.declared()) st = Field.of(s, "ResponseStatus");
            status = st;
            results = Field.of(s, "QueryResults");
            server = Field.of(s, "Address");
            serverIsSockaddr = server.declared() && s.field(server.index()).type() == InType.BINARY;
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        long pid = RawFields.plausiblePid(v.pid()) ? v.pid() : -1;
        if (!l.name.declared()) {
            RawEvent e = raw.raw(v, Source.ETW_DNS_CLIENT, f, f.problem());
            if (!l.serverIsSockaddr || !f.has(l.server)) return e;
            Endpoint server = SockAddr.decode(f.data(), f.offset(l.server), f.length(l.server));
            EventHeader h = e.header();
            return e.withHeader(new EventHeader(h.timestamp(), h.source(), h.pid(), null, null, -1, null, server,
                    h.raw(), null));
        }
        String name = f.string(l.name);
        int qtype = f.has(l.type) ? (int) f.number(l.type) : -1; // 3009 (query sent on an interface) has none
        boolean hasStatus = f.has(l.status);
        long status = hasStatus ? f.number(l.status) : 0;
        List<String> results = new ArrayList<>();
        if (f.has(l.results)) {
            for (String r : f.string(l.results).split(";")) if (!r.isBlank()) results.add(r.trim());
        }
        Map<String, String> m = raw.map(v, f);
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_DNS_CLIENT, pid, null, null, -1, null, null, m, null);
        return new DnsEvent(h, name, qtype, status, hasStatus ? WinsockStatus.name(status) : null, results);
    }
}
