package wstool.verify;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON (format version 1; field names are part of the format): summary, checks (ran or why not),
 * processes each with their findings, counters and notes. Times are ISO-8601 UTC; {@code endpoint_id} is the
 * socket id as a signed 64-bit number (AFD endpoint addresses are negative), {@code endpoint} its readable form.
 */
final class ReportJson {
    public static final int FORMAT_VERSION = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {}

    public static void write(VerifyReport r, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("format_version", FORMAT_VERSION);
            time(g, "trace_start", r.traceStart());
            time(g, "trace_end", r.traceEnd());
            g.writeObjectFieldStart("summary");
            g.writeNumberField("findings", r.findings().size());
            g.writeNumberField("errors", r.count(Severity.ERROR));
            g.writeNumberField("warnings", r.count(Severity.WARNING));
            g.writeNumberField("infos", r.count(Severity.INFO));
            g.writeEndObject();
            g.writeArrayFieldStart("checks");
            for (CheckStatus c : r.checks()) {
                g.writeStartObject();
                g.writeStringField("code", c.check().code());
                g.writeStringField("name", c.check().title());
                g.writeStringField("severity", c.check().severity().label());
                g.writeBooleanField("ran", c.ran());
                g.writeStringField("reason", c.reason());
                g.writeStringField("description", c.check().description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("processes");
            for (Map.Entry<VerifyReport.ProcessKey, List<Finding>> p : r.byProcess().entrySet()) {
                g.writeStartObject();
                g.writeNumberField("pid", p.getKey().pid());
                if (p.getKey().process() != null) g.writeStringField("process", p.getKey().process());
                g.writeArrayFieldStart("findings");
                for (Finding f : p.getValue()) finding(g, f);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("stats");
            for (Map.Entry<String, Long> s : r.stats().entrySet()) g.writeNumberField(s.getKey(), s.getValue());
            g.writeEndObject();
            g.writeArrayFieldStart("notes");
            for (String n : r.notes()) g.writeString(n);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", f.code());
        g.writeStringField("name", f.check().title());
        g.writeStringField("severity", f.severity().label());
        if (f.endpointId() != -1) g.writeNumberField("endpoint_id", f.endpointId());
        if (!f.endpoint().isEmpty()) g.writeStringField("endpoint", f.endpoint());
        g.writeStringField("message", f.message());
        g.writeNumberField("count", f.count());
        time(g, "first", f.first());
        time(g, "last", f.last());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            g.writeStartObject();
            g.writeStringField("timestamp", e.timestamp().toString());
            g.writeStringField("event", e.event());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : f.details().entrySet()) g.writeStringField(d.getKey(), d.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        if (t != null) g.writeStringField(name, t.toString());
    }
}
