package wstool.winlayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Windows SDK layout table {@code fixtures/layout/windows-sdk-layout.txt}: one row per {@code TYPE.field} (or
 * {@code TYPE.SIZEOF}) with the x64 and x86 value, computed from the SDK headers with mingw-w64.
 */
public final class SdkLayoutTable {

    /** Row name used for the size of a type. */
    public static final String SIZEOF = "SIZEOF";

    /** One row: offset (or size, for {@link #SIZEOF}) on x64 and x86. */
    public record Row(String type, String field, int x64, int x86) {
        public int value(Arch arch) {
            return arch == Arch.X64 ? x64 : x86;
        }
    }

    private final Map<String, Map<String, Row>> rows;

    private SdkLayoutTable(Map<String, Map<String, Row>> rows) {
        this.rows = rows;
    }

    /** The table (fixtures/layout/windows-sdk-layout.txt, packaged into this module's jar by its pom). */
    public static final String RESOURCE = "/wstool/winlayout/windows-sdk-layout.txt";

    public static SdkLayoutTable load() {
        try (java.io.InputStream in = SdkLayoutTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the winlayout jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(text.lines().toList(), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Every row, in table order. */
    public List<Row> rows() {
        return rows.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    public static SdkLayoutTable parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Windows SDK layout table " + file, e);
        }
        return parse(lines, file.toString());
    }

    /** Parses the table text; {@code source} names it in error messages. */
    public static SdkLayoutTable parse(List<String> lines, String source) {
        Map<String, Map<String, Row>> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("type.field")) {
                continue;
            }
            String[] cols = line.split("\\s+");
            int dot = cols[0].indexOf('.');
            if (cols.length != 3 || dot <= 0 || dot == cols[0].length() - 1) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected 'TYPE.field x64 x86', got '" + line + "'");
            }
            String type = cols[0].substring(0, dot);
            String field = cols[0].substring(dot + 1);
            int x64 = number(cols[1], source, i);
            int x86 = number(cols[2], source, i);
            Row previous = rows.computeIfAbsent(type, t -> new LinkedHashMap<>())
                    .put(field, new Row(type, field, x64, x86));
            if (previous != null) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": duplicate row " + cols[0]);
            }
        }
        Map<String, Map<String, Row>> frozen = new LinkedHashMap<>();
        rows.forEach((t, m) -> frozen.put(t, Collections.unmodifiableMap(m)));
        return new SdkLayoutTable(Collections.unmodifiableMap(frozen));
    }

    private static int number(String s, String source, int lineIndex) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + (lineIndex + 1) + ": '" + s
                    + "' is not a non-negative integer");
        }
    }

    public boolean hasType(String type) {
        return rows.containsKey(type);
    }

    /** sizeof(type) for the architecture, if the table has a SIZEOF row. */
    public OptionalInt size(String type, Arch arch) {
        Row r = rows.getOrDefault(type, Map.of()).get(SIZEOF);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r.value(arch));
    }

    /** offsetof(type, field) for the architecture, if the table has that row. */
    public OptionalInt offset(String type, String field, Arch arch) {
        Row r = rows.getOrDefault(type, Map.of()).get(field);
        return r == null || SIZEOF.equals(field) ? OptionalInt.empty() : OptionalInt.of(r.value(arch));
    }

    /** The field rows of a type (SIZEOF excluded), in table order; empty when the type is absent. */
    public List<Row> fields(String type) {
        return rows.getOrDefault(type, Map.of()).values().stream().filter(r -> !SIZEOF.equals(r.field())).toList();
    }

    public Optional<Row> row(String type, String field) {
        return Optional.ofNullable(rows.getOrDefault(type, Map.of()).get(field));
    }

    /** All type names, in table order. */
    public List<String> types() {
        return List.copyOf(rows.keySet());
    }
}
