package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import wstool.core.fixtures.Fixtures;

/**
 * The README's CSV column table and JSON Lines field table are the public description of the exports; they are
 * checked here against what the exporters write for the golden events (which fill every field somewhere), so that
 * neither the README nor the code can change alone.
 */
class ReadmeFormatsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void csvColumnTableListsTheExportedColumnsInOrder() throws IOException {
        List<String> documented = new ArrayList<>();
        for (List<String> row : table(section("### CSV columns"))) documented.addAll(names(row.get(0)));
        List<CsvRecord> rows = CsvReader.builder().ofCsvRecord(GoldenFilesTest.csv()).stream().toList();
        assertEquals(documented, rows.get(0).getFields(), "README CSV column table vs the exported header");
        assertEquals(documented, CsvSink.COLUMNS);
        for (int c = 0; c < documented.size(); c++) {
            int col = c;
            assertTrue(rows.stream().skip(1).anyMatch(r -> !r.getField(col).isEmpty()),
                    "the golden events leave column " + documented.get(c) + " empty everywhere");
        }
    }

    @Test
    void jsonLinesFieldTableListsTheExportedFieldsInOrder() throws IOException {
        Map<String, List<String>> doc = new LinkedHashMap<>();
        for (List<String> row : table(section("### JSON Lines"))) {
            List<String> fields = names(row.get(1));
            List<String> keys = row.get(0).contains("`") ? names(row.get(0)) : List.of(row.get(0));
            for (String key : keys) doc.put(key, fields);
        }
        List<String> head = require(doc, "every event");
        List<String> tail = require(doc, "then every event");
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : GoldenFilesTest.jsonl().split("\n")) {
            JsonNode n = mapper.readTree(line);
            String cls = n.get("class").asText();
            List<String> order = new ArrayList<>(head);
            order.addAll(require(doc, cls));
            order.addAll(tail);
            assertInOrder(order, n, cls + " event " + line);
            seen.computeIfAbsent(cls, k -> new LinkedHashSet<>()).addAll(keys(n));
            for (String nested : List.of("local", "remote", "enrichment")) {
                if (n.has(nested)) {
                    assertInOrder(require(doc, nested), n.get(nested), nested + " of " + line);
                    seen.computeIfAbsent(nested, k -> new LinkedHashSet<>()).addAll(keys(n.get(nested)));
                }
            }
        }
        Set<String> everyDocumented = new LinkedHashSet<>(head);
        Set<String> everySeen = new LinkedHashSet<>();
        for (String cls : List.of("FIREWALL", "SOCKET", "DNS", "PACKET", "RAW")) {
            Set<String> carried = seen.getOrDefault(cls, Set.of());
            assertTrue(carried.containsAll(require(doc, cls)),
                    "README fields of " + cls + " " + require(doc, cls) + " vs those its golden events carry " + carried);
            everyDocumented.addAll(require(doc, cls));
            everySeen.addAll(carried);
        }
        everyDocumented.addAll(tail);
        assertEquals(everyDocumented, everySeen, "README JSON Lines fields vs those the golden events carry");
        for (String nested : List.of("local", "remote", "enrichment")) {
            assertEquals(new LinkedHashSet<>(require(doc, nested)), seen.get(nested), "README fields of " + nested);
        }
    }

    private static void assertInOrder(List<String> documented, JsonNode object, String what) {
        int at = 0;
        for (String key : keys(object)) {
            int ix = documented.subList(at, documented.size()).indexOf(key);
            assertTrue(ix >= 0, "field '" + key + "' is not in the README (or not in its order) for " + what);
            at += ix + 1;
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> require(Map<String, List<String>> doc, String row) {
        List<String> v = doc.get(row);
        assertNotNull(v, "README JSON Lines table has no row '" + row + "'");
        return v;
    }

    /** The text of a README section from its heading to the next heading. */
    private static String section(String heading) throws IOException {
        String readme = Files.readString(Fixtures.root().getParent().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has no section " + heading);
        int end = readme.indexOf("\n#", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** Body rows of the first Markdown table in {@code text}, as cells. */
    private static List<List<String>> table(String text) {
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (String line : text.split("\n")) {
            if (!line.startsWith("|")) {
                if (!rows.isEmpty()) break;
                continue;
            }
            if (header || line.startsWith("|---")) {
                header = false;
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) cells.add(c.trim());
            rows.add(cells);
        }
        assertFalse(rows.isEmpty(), "no table in README section");
        return rows;
    }

    private static List<String> names(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
