package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.pipeline.EventSink;

/**
 * RFC 4180 CSV, one row per event, columns in the fixed order of {@link #FIELDS} (documented in the README), CRLF
 * line ends. Text cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 * <p>
 * Rows are formatted straight into one reused char buffer ({@link RowBlocks}) and written in blocks: numbers are
 * appended as primitives, the {@code details} cell from the raw fields without an intermediate string, and the
 * texts of addresses and coordinates (which repeat from event to event) come from small caches. Per event class a
 * {@link Plan} names the cells it can have, and the cells of one {@link EventField.Part} (enrichment, conversation)
 * are copied from the last row with the same objects. The bytes are
 * those of FastCSV's writer with its default settings (quote a cell when it holds {@code , " CR LF}, or when the
 * first cell of a row starts with {@code #}; double the quotes; empty cells unquoted), which wrote this format
 * before and against which a test checks every cell.
 * Not thread-safe: one thread (the pipeline's consumer) writes.
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
            EventFields.HOSTNAME, EventFields.PID_SOURCE,
            // added after the first release: at the end, so that readers by column position keep working
            EventFields.ANONYMOUS_PROXY, EventFields.SATELLITE_PROVIDER, EventFields.ANYCAST, EventFields.HOSTILE_DROP,
            EventFields.COMPONENT, EventFields.PATH, EventFields.PACKET_GROUP, EventFields.PACKET_NUMBER,
            EventFields.LENGTH, EventFields.ORIGINAL_LENGTH, EventFields.TCP_FLAGS, EventFields.DROP_REASON,
            EventFields.DROP_REASON_CODE, EventFields.DROP_LOCATION, EventFields.PROCESS_MATCHED);
    public static final List<String> COLUMNS = FIELDS.stream().map(EventField::name).toList();

    /** The characters that make a cell quoted: LF, CR, '"' and ','. */
    private static final long QUOTED = 1L << '\n' | 1L << '\r' | 1L << '"' | 1L << ',';
    /** Separators to copy in one go: most of a row's columns are another class's, only their commas. */
    private static final char[] COMMAS = ",".repeat(FIELDS.size()).toCharArray();

    private final RowBlocks blocks;
    private final Map<Class<? extends NetEvent>, Plan> plans = new HashMap<>();
    private Plan lastPlan;
    private final CharRow buf;
    private final ValueTexts texts = new ValueTexts();
    private final LastRawFields lastRaw = new LastRawFields();
    private final CharRow.Kept lastDetails = new CharRow.Kept();

    public CsvSink(Writer out) throws IOException {
        this.blocks = new RowBlocks(out);
        this.buf = blocks.rows;
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) buf.append(',');
            text(COLUMNS.get(i), false, i == 0);
        }
        buf.append("\r\n");
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        Class<? extends NetEvent> type = e.getClass();
        Plan p = lastPlan;
        if (p == null || p.type != type) lastPlan = p = plans.computeIfAbsent(type, Plan::new);
        for (Step step : p.steps) {
            buf.append(COMMAS, 0, step.commas);
            if (step.run == null) cell(step.field, step.kinds[0], e, step.first);
            else partRun(step, e);
        }
        buf.append(COMMAS, 0, p.trailingCommas);
        buf.append("\r\n");
        blocks.rowDone();
    }

    /**
     * A run of columns of one {@link EventField.Part}, rendered once per part: while an event has the same
     * enrichment object (events of one remote address, through the enricher's cache) or the same endpoints (one
     * conversation), its cells are the last row's, copied.
     */
    private void partRun(Step step, NetEvent e) {
        if (step.memo.repeats(e.header())) {
            step.memo.text.appendTo(buf);
            return;
        }
        int start = buf.length();
        EventField[] run = step.run;
        for (int i = 0; i < run.length; i++) {
            if (i > 0) buf.append(',');
            cell(run[i], step.kinds[i], e, false);
        }
        step.memo.keep(buf, start, e.header());
    }

    /**
     * The details cell; the last one's text again when the raw fields are the same strings. A raw event's cell also
     * holds its payload, so it is always made and leaves the remembered fields and text as they were.
     */
    private void details(NetEvent e, boolean first) {
        boolean raw = e instanceof RawEvent;
        if (!raw && lastRaw.unchanged(e.header().raw())) {
            lastDetails.appendTo(buf);
            return;
        }
        int start = buf.length();
        EventFields.details(e, buf);
        if (buf.length() > start && formulaStart(buf.charAt(start))) buf.insert(start, '\'');
        quote(start, first);
        if (raw) return;
        lastDetails.keep(buf, start);
    }

    /**
     * Text from the outside (strings, lists, the raw fields) is neutralised; numbers, names and times this tool
     * formats itself are not.
     */
    private void cell(EventField f, ValueKind.Cache kinds, NetEvent e, boolean first) {
        if (f == EventFields.DETAILS) {
            details(e, first);
            return;
        }
        if (f.hasWhole()) { // no boxing: most cells of a socket event are numbers
            long n = f.whole(e);
            if (f.knownWhole(n)) buf.append(n);
            return;
        }
        Object v = f.value(e);
        if (!f.known(v)) return;
        int kind = kinds.of(v);
        if (kind == ValueKind.STRING) text(f.defaultTextual() ? (String) v : f.text(v), true, first);
        else if (kind == ValueKind.LIST) text(f.text(v), true, first);
        else if (!f.defaultTextual()) text(f.text(v), false, first);
        else switch (kind) {
            case ValueKind.LONG -> buf.append((long) (Long) v);
            case ValueKind.INTEGER -> buf.append((long) (Integer) v);
            case ValueKind.INSTANT -> texts.timestamps.appendTo(buf, (Instant) v);
            case ValueKind.ADDRESS -> text(texts.address(f, (InetAddress) v), false, first); // a scope name could hold anything
            case ValueKind.ENUM -> buf.append(((Enum<?>) v).name()); // a Java identifier: never quoted
            case ValueKind.DOUBLE -> buf.append(texts.number(f, (Double) v)); // digits, '.', '-', 'E': never quoted
            default -> text(f.text(v), false, first);
        }
    }

    private void text(String s, boolean neutralise, boolean first) {
        if (s == null || s.isEmpty()) return;
        int start = buf.length();
        if (neutralise && formulaStart(s.charAt(0))) buf.append('\'');
        buf.append(s);
        quote(start, first);
    }

    /**
     * Text that starts with = + - @ TAB or CR is what spreadsheets evaluate as a formula (CSV injection); a leading
     * apostrophe makes it plain text. Numbers this sink formats itself are never checked.
     */
    private static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    public static String safe(String s) {
        if (s == null || s.isEmpty()) return "";
        return formulaStart(s.charAt(0)) ? "'" + s : s;
    }

    /** Quotes the cell that starts at {@code start} when RFC 4180 needs it (FastCSV's rule, see the class comment). */
    private void quote(int start, boolean first) {
        int end = buf.length();
        if (end == start) return;
        if ((first && buf.charAt(start) == '#') || buf.anyOf(start, QUOTED)) buf.quoteFrom(start);
    }

    /**
     * The cells an event class can have, in column order: a column of another class's field is only its comma, and
     * consecutive columns of one part (enrichment, conversation) are one step.
     */
    private static final class Plan {
        final Class<? extends NetEvent> type;
        final Step[] steps;
        final int trailingCommas;

        Plan(Class<? extends NetEvent> type) {
            this.type = type;
            List<Step> steps = new ArrayList<>();
            int commas = 0;
            for (int i = 0; i < FIELDS.size(); i++) {
                EventField f = FIELDS.get(i);
                if (i > 0) commas++;
                if (!f.mayHave(type)) continue;
                if (f.part() != EventField.Part.EVENT && i > 0) { // the first cell is quoted by its own rule
                    int end = i;
                    while (end + 1 < FIELDS.size() && FIELDS.get(end + 1).part() == f.part()) end++;
                    steps.add(new Step(commas, null, FIELDS.subList(i, end + 1).toArray(EventField[]::new), false));
                    i = end;
                } else {
                    steps.add(new Step(commas, f, null, i == 0));
                }
                commas = 0;
            }
            this.steps = steps.toArray(Step[]::new);
            this.trailingCommas = commas;
        }
    }

    /** One cell, or a run of cells of one part with the last one's text; after {@code commas} separators. */
    private static final class Step {
        final int commas;
        final EventField field;
        final EventField[] run;
        final boolean first;
        /** The run's last text, null for one cell. */
        final PartMemo memo;
        /** The kind of value of each cell. */
        final ValueKind.Cache[] kinds;

        Step(int commas, EventField field, EventField[] run, boolean first) {
            this.commas = commas;
            this.field = field;
            this.run = run;
            this.first = first;
            this.memo = run == null ? null : new PartMemo(run[0].part());
            this.kinds = new ValueKind.Cache[run == null ? 1 : run.length];
            for (int i = 0; i < kinds.length; i++) kinds[i] = new ValueKind.Cache();
        }
    }

    @Override
    public void flush() throws IOException { blocks.flush(); }

    @Override
    public void close() throws IOException { blocks.close(); }
}
