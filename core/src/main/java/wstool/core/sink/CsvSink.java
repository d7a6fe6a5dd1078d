package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import wstool.core.pipeline.EventSink;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.IpProtocols;

/**
 * RFC 4180 CSV (written with FastCSV, which is about twice as fast here as commons-csv), one row per event, columns in the fixed order of {@link #COLUMNS} (documented in the README).
 * Text cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
public final class CsvSink implements EventSink {
    public static final List<String> COLUMNS = List.of(
            "timestamp", "source", "class", "kind", "direction", "protocol",
            "local_address", "local_port", "remote_address", "remote_port", "service",
            "pid", "process", "user",
            "country_code", "country", "city", "region", "latitude", "longitude", "asn", "as_org", "drop_id", "special",
            "filter_id", "filter_name", "layer_id", "layer_name", "rule",
            "endpoint_id", "phase", "buffer_length", "bytes", "status", "status_name",
            "dns_query", "dns_type", "dns_results", "details");

    private final CsvWriter csv;
    private final Writer out;
    private final String[] row = new String[COLUMNS.size()];
    private final IsoTimestamps timestamps = new IsoTimestamps();

    public CsvSink(Writer out) throws IOException {
        this.out = out;
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(COLUMNS);
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        java.util.Arrays.fill(row, "");
        EventHeader h = e.header();
        int i = 0;
        row[i++] = timestamps.format(h.timestamp());
        row[i++] = h.source().name();
        row[i++] = e.eventClass().name();
        row[i++] = e.kind();
        row[i++] = e.direction().name();
        row[i++] = IpProtocols.name(h.ipProtocol());
        row[i++] = h.local().addressText();
        row[i++] = port(h.local().port());
        row[i++] = h.remote().addressText();
        row[i++] = port(h.remote().port());
        row[i++] = nz(EventFields.service(e));
        row[i++] = h.attributed() ? Long.toString(h.pid()) : "";
        row[i++] = safe(h.process());
        row[i++] = safe(h.user());
        Enrichment en = h.enrichment();
        row[i++] = safe(en.countryCode());
        row[i++] = safe(en.countryName());
        row[i++] = safe(en.city());
        row[i++] = safe(en.region());
        row[i++] = en.latitude() == null ? "" : en.latitude().toString();
        row[i++] = en.longitude() == null ? "" : en.longitude().toString();
        row[i++] = en.asn() == null ? "" : en.asn().toString();
        row[i++] = safe(en.asOrg());
        row[i++] = safe(en.dropId());
        row[i++] = safe(en.special());
        if (e instanceof FirewallEvent f) {
            row[i] = f.filterId() < 0 ? "" : Long.toString(f.filterId());
            row[i + 1] = safe(f.filterName());
            row[i + 2] = f.layerId() < 0 ? "" : Integer.toString(f.layerId());
            row[i + 3] = safe(f.layerName());
            row[i + 4] = safe(f.rule());
        }
        i += 5;
        if (e instanceof SocketEvent s) {
            row[i] = s.endpointId() < 0 ? "" : Long.toString(s.endpointId());
            row[i + 1] = s.phase().name();
            row[i + 2] = s.bufferLength() < 0 ? "" : Long.toString(s.bufferLength());
            row[i + 3] = s.bytes() < 0 ? "" : Long.toString(s.bytes());
            row[i + 4] = Long.toString(s.status());
            row[i + 5] = safe(s.statusName());
        }
        i += 6;
        if (e instanceof DnsEvent d) {
            row[i - 2] = Long.toString(d.status());
            row[i - 1] = safe(d.statusName());
            row[i] = safe(d.queryName());
            row[i + 1] = d.queryType() < 0 ? "" : Integer.toString(d.queryType());
            row[i + 2] = safe(String.join(" ", d.results()));
        }
        i += 3;
        row[i] = safe(EventFields.details(e));
        csv.writeRecord(row);
    }

    /**
     * Text that starts with = + - @ TAB or CR is what spreadsheets evaluate as a formula (CSV injection); a leading
     * apostrophe makes it plain text. Numbers this sink formats itself are never passed here.
     */
    static String safe(String s) {
        if (s == null || s.isEmpty()) return "";
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static final String[] PORT_TEXT = new String[65536];

    /** Ports as text, each string made once: two per row otherwise dominate the formatting cost. */
    private static String port(int p) {
        if (p < 0) return "";
        String s = PORT_TEXT[p];
        if (s == null) PORT_TEXT[p] = s = Integer.toString(p);
        return s;
    }

    @Override
    public void flush() throws IOException { csv.flush(); }

    @Override
    public void close() throws IOException {
        csv.flush();
        out.close();
    }
}
