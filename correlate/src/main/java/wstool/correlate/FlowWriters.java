package wstool.correlate;

import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import wstool.core.sink.CsvSink;
import wstool.core.sink.EventJson;

/** The flow file formats: CSV (as the event CSV: RFC 4180, CRLF, formula-safe text) and JSON Lines. */
public final class FlowWriters {
    public enum Format { CSV, JSONL }

    private FlowWriters() {}

    /** The format a flow file name says (.jsonl / .json / .ndjson: JSON Lines), CSV otherwise. */
    public static Format byName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") ? Format.JSONL : Format.CSV;
    }

    /** @throws IllegalArgumentException for anything but csv or jsonl */
    public static Format parse(String name) {
        try {
            return Format.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--flows-format must be csv or jsonl, not '" + name + "'");
        }
    }

    public static FlowOutput open(Format format, Writer out) throws IOException {
        return format == Format.CSV ? new Csv(out) : new Jsonl(out);
    }

    private static final class Csv implements FlowOutput {
        private final Writer out;
        private final CsvWriter csv;
        private final String[] row = new String[FlowFields.ALL.size()];

        Csv(Writer out) throws IOException {
            this.out = out;
            this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
            csv.writeRecord(FlowFields.NAMES);
        }

        @Override
        public void write(Flow flow) {
            for (int i = 0; i < row.length; i++) {
                Object v = FlowFields.ALL.get(i).value().apply(flow);
                row[i] = v == null ? "" : v instanceof String || v instanceof List<?> ? CsvSink.safe(FlowFields.text(v))
                        : FlowFields.text(v);
            }
            csv.writeRecord(row);
        }

        @Override public void flush() throws IOException { csv.flush(); }

        @Override public void close() throws IOException {
            csv.flush();
            out.close();
        }
    }

    private static final class Jsonl implements FlowOutput {
        private final Writer out;
        private final JsonGenerator g;

        Jsonl(Writer out) throws IOException {
            this.out = out;
            this.g = EventJson.FACTORY.createGenerator(out);
            g.setRootValueSeparator(null);
        }

        @Override
        public void write(Flow flow) throws IOException {
            g.writeStartObject();
            for (FlowFields.Field f : FlowFields.ALL) {
                Object v = f.value().apply(flow);
                if (v == null) continue;
                g.writeFieldName(f.name());
                if (v instanceof Long n) g.writeNumber(n);
                else if (v instanceof Integer n) g.writeNumber(n);
                else if (v instanceof List<?> l) {
                    g.writeStartArray();
                    for (Object o : l) g.writeString(String.valueOf(o));
                    g.writeEndArray();
                } else if (v instanceof Instant t) g.writeString(t.toString());
                else g.writeString(FlowFields.text(v));
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }

        @Override public void flush() throws IOException { out.flush(); }

        @Override public void close() throws IOException {
            g.flush();
            out.close();
        }
    }
}
