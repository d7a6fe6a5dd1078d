package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.GoldenEvents;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.EventSink;

/**
 * The public export formats, pinned byte for byte: {@link GoldenEvents} written by the real CSV and JSON Lines sinks
 * must equal core/src/test/resources/golden/events.csv and events.jsonl. On a difference the new output is written
 * to core/target/golden/; when the change is intended, copy it over the golden file, read the diff by hand and update
 * the README's column table / field list in the same commit.
 */
class GoldenFilesTest {
    interface SinkFactory { EventSink open(StringWriter w) throws IOException; }

    static String export(SinkFactory factory) throws IOException {
        StringWriter w = new StringWriter();
        try (EventSink sink = factory.open(w)) {
            for (NetEvent e : GoldenEvents.all()) sink.accept(e);
        }
        return w.toString();
    }

    static String csv() throws IOException { return export(CsvSink::new); }

    static String jsonl() throws IOException { return export(JsonLinesSink::new); }

    @Test
    void csvExportEqualsTheGoldenFile() throws IOException {
        assertSameBytes("events.csv", csv());
    }

    @Test
    void jsonLinesExportEqualsTheGoldenFile() throws IOException {
        assertSameBytes("events.jsonl", jsonl());
    }

    @Test
    void theGoldenJsonLinesReadBackIntoTheSameEvents() throws IOException {
        List<NetEvent> back = new ArrayList<>();
        for (String line : golden("events.jsonl").split("\n")) back.add(EventJson.read(line));
        assertEquals(GoldenEvents.all(), back);
    }

    private static void assertSameBytes(String name, String actual) throws IOException {
        String expected = golden(name);
        if (expected.equals(actual)) return;
        Path out = Path.of("target", "golden", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual, StandardCharsets.UTF_8);
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) line++;
        fail("export differs from golden/" + name + " at line " + (line + 1) + "\n  golden: "
                + (line < e.length ? e[line] : "<end>") + "\n  now:    " + (line < a.length ? a[line] : "<end>")
                + "\nnew output written to " + out.toAbsolutePath());
    }

    static String golden(String name) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new IllegalStateException("golden/" + name + " is missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
