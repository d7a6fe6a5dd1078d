package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import wstool.core.pipeline.EventSink;
import wstool.core.model.NetEvent;

/**
 * RFC 4180 CSV (written with FastCSV, which is about twice as fast here as commons-csv), one row per event, columns in the fixed order of {@link #FIELDS} (documented in the README).
 * Text cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
public final class CsvSink implements EventSink {
    /** The documented columns (README), in order: fields of {@link EventFields} picked by reference. */
    public static final List<EventField> FIELDS = List.of(
            EventFields.TIMESTAMP, EventFields.HOST, EventFields.SOURCE, EventFields.CLASS, EventFields.KIND, EventFields.DIRECTION,
            EventFields.PROTOCOL, EventFields.LOCAL_ADDRESS, EventFields.LOCAL_PORT, EventFields.REMOTE_ADDRESS,
            EventFields.REMOTE_PORT, EventFields.SERVICE, EventFields.PID, EventFields.PROCESS, EventFields.USER,
            EventFields.COUNTRY_CODE, EventFields.COUNTRY, EventFields.CITY, EventFields.REGION,
            EventFields.LATITUDE, EventFields.LONGITUDE, EventFields.ASN, EventFields.AS_ORG, EventFields.DROP_ID,
            EventFields.SPECIAL,
            EventFields.FILTER_ID, EventFields.FILTER_NAME, EventFields.LAYER_ID, EventFields.LAYER_NAME,
            EventFields.RULE,
            EventFields.ENDPOINT_ID, EventFields.PHASE, EventFields.BUFFER_LENGTH, EventFields.BYTES,
            EventFields.STATUS, EventFields.STATUS_NAME,
            EventFields.DNS_QUERY, EventFields.DNS_TYPE, EventFields.DNS_RESULTS, EventFields.DETAILS,
            EventFields.HOSTNAME, EventFields.PID_SOURCE);
    public static final List<String> COLUMNS = FIELDS.stream().map(EventField::name).toList();

    private final CsvWriter csv;
    private final Writer out;
    private final String[] row = new String[FIELDS.size()];
    private final IsoTimestamps timestamps = new IsoTimestamps();

    public CsvSink(Writer out) throws IOException {
        this.out = out;
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(COLUMNS);
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        for (int i = 0; i < row.length; i++) row[i] = cell(FIELDS.get(i), e);
        csv.writeRecord(row);
    }

    /** Text from the outside is neutralised; numbers, names and times this tool formats itself are not. */
    private String cell(EventField f, NetEvent e) {
        Object v = f.value(e);
        if (!f.known(v)) return "";
        if (v instanceof Instant t) return timestamps.format(t);
        return v instanceof String || v instanceof List<?> ? safe(f.text(v)) : f.text(v);
    }

    /**
     * Text that starts with = + - @ TAB or CR is what spreadsheets evaluate as a formula (CSV injection); a leading
     * apostrophe makes it plain text. Numbers this sink formats itself are never passed here.
     */
    public static String safe(String s) {
        if (s == null || s.isEmpty()) return "";
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    @Override
    public void flush() throws IOException { csv.flush(); }

    @Override
    public void close() throws IOException {
        csv.flush();
        out.close();
    }
}
