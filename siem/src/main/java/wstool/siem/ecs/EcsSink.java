package wstool.siem.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/** {@code --ecs FILE}: one ECS document per line (NDJSON), as Filebeat's ndjson parser and Elasticsearch's _bulk read it. */
public final class EcsSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Writer out;
    private final EcsMapper mapper;

    public EcsSink(Writer out, EcsContext context) {
        this.out = out;
        this.mapper = new EcsMapper(context);
    }

    /** The one-line JSON of an event (also the MSG of syslog messages). */
    public static String line(EcsMapper mapper, NetEvent e) {
        try {
            return JSON.writeValueAsString(mapper.map(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("an ECS document of plain values could not be written", ex);
        }
    }

    @Override
    public void accept(NetEvent e) throws IOException {
        out.write(line(mapper, e));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException { out.flush(); }

    @Override
    public void close() throws IOException { out.close(); }
}
