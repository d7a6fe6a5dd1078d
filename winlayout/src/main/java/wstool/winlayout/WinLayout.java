package wstool.winlayout;

import com.sun.jna.Structure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JNA {@link Structure} against the Windows x64 layout of the SDK structure it mirrors.
 *
 * <p>{@link #checkTable} compares, for the given C type name, the structure's size and the offset of every field
 * the SDK table lists. A table field name resolves to the JNA field of the same name (or the alias given), else to
 * the one nested member of that name inside a by-value structure/union (so anonymous C unions modelled as a JNA
 * {@code Union} field still resolve). It also checks that the offsets JNA computes on this host equal the ones JNA
 * computes on Win64 for the declaration, and refuses platform-dependent field types. JNA fields the table does not
 * cover are listed in {@link TableCheck#uncoveredFields()}: pass them to {@link MingwProbe}.
 */
public final class WinLayout {

    private static volatile SdkLayoutTable defaultTable;

    private WinLayout() {
    }

    /** Outcome of a table check. */
    public record TableCheck(String cType, List<String> mismatches, List<String> uncoveredFields) {
        public boolean ok() {
            return mismatches.isEmpty();
        }
    }

    /** The shared fixture table (loaded once). */
    public static SdkLayoutTable table() {
        SdkLayoutTable t = defaultTable;
        if (t == null) {
            t = SdkLayoutTable.load();
            defaultTable = t;
        }
        return t;
    }

    /** {@link #checkTable} against the shared table; throws {@link AssertionError} listing every mismatch. */
    public static TableCheck assertMatchesTable(Structure s, String cType) {
        return assertMatchesTable(table(), s, cType, Map.of());
    }

    /** As {@link #assertMatchesTable(Structure, String)} with table-field to JNA-path aliases. */
    public static TableCheck assertMatchesTable(SdkLayoutTable table, Structure s, String cType,
                                                Map<String, String> aliases) {
        TableCheck check = checkTable(table, s, cType, aliases);
        if (!check.ok()) {
            throw new AssertionError(s.getClass().getName() + " does not match Windows x64 " + cType + ":\n  "
                    + String.join("\n  ", check.mismatches()));
        }
        return check;
    }

    /**
     * Compares {@code s} with the rows of {@code cType}; {@code aliases} maps a table field name to a JNA field path
     * ({@code a.b}) when the names differ.
     *
     * @throws IllegalArgumentException when the structure holds a platform-dependent field type
     */
    public static TableCheck checkTable(SdkLayoutTable table, Structure s, String cType, Map<String, String> aliases) {
        StructLayout actual = JnaLayouts.actual(s);
        StructLayout win64 = JnaLayouts.expectedWin64(s);
        List<String> mismatches = new ArrayList<>(hostVersusWin64(actual, win64, cType));
        if (!table.hasType(cType)) {
            mismatches.add(cType + ": not in the SDK layout table (check it with MingwProbe instead)");
            return new TableCheck(cType, mismatches, topLevelNames(actual));
        }
        table.size(cType, Arch.X64).ifPresentOrElse(size -> {
            if (size != actual.size()) {
                mismatches.add(cType + ".SIZEOF: JNA size " + actual.size() + ", Windows x64 size " + size);
            }
        }, () -> mismatches.add(cType + ".SIZEOF: the table has no size row"));
        List<StructLayout.FlatField> flat = actual.flatten();
        Set<String> covered = new LinkedHashSet<>();
        for (SdkLayoutTable.Row row : table.fields(cType)) {
            Optional<StructLayout.FlatField> f = resolve(flat, row.field(), aliases.get(row.field()));
            if (f.isEmpty()) {
                mismatches.add(cType + "." + row.field() + ": no JNA field of that name (Windows x64 offset "
                        + row.x64() + ")");
                continue;
            }
            StructLayout.FlatField ff = f.get();
            covered.add(ff.path().split("\\.", 2)[0]);
            if (ff.absoluteOffset() != row.x64()) {
                mismatches.add(cType + "." + row.field() + ": JNA offset " + ff.absoluteOffset()
                        + ", Windows x64 offset " + row.x64() + (ff.path().equals(row.field()) ? "" : " (JNA field "
                        + ff.path() + ")"));
            }
        }
        List<String> uncovered = topLevelNames(actual).stream().filter(n -> !covered.contains(n)).toList();
        return new TableCheck(cType, List.copyOf(mismatches), uncovered);
    }

    private static List<String> hostVersusWin64(StructLayout actual, StructLayout win64, String cType) {
        List<String> out = new ArrayList<>();
        if (actual.size() != win64.size()) {
            out.add(cType + ": JNA size on this host " + actual.size() + ", JNA size on Win64 " + win64.size());
        }
        List<StructLayout.FlatField> a = actual.flatten();
        List<StructLayout.FlatField> w = win64.flatten();
        for (int i = 0; i < Math.min(a.size(), w.size()); i++) {
            if (a.get(i).absoluteOffset() != w.get(i).absoluteOffset()) {
                out.add(cType + "." + a.get(i).path() + ": JNA offset on this host " + a.get(i).absoluteOffset()
                        + ", JNA offset on Win64 " + w.get(i).absoluteOffset());
            }
        }
        return out;
    }

    private static Optional<StructLayout.FlatField> resolve(List<StructLayout.FlatField> flat, String tableField,
                                                             String alias) {
        if (alias != null) {
            return flat.stream().filter(f -> f.path().equals(alias)).findFirst();
        }
        Optional<StructLayout.FlatField> top = flat.stream().filter(f -> f.path().equals(tableField)).findFirst();
        if (top.isPresent()) {
            return top;
        }
        List<StructLayout.FlatField> byLeaf = flat.stream().filter(f -> f.leafName().equals(tableField)).toList();
        return byLeaf.size() == 1 ? Optional.of(byLeaf.get(0)) : Optional.empty();
    }

    private static List<String> topLevelNames(StructLayout layout) {
        return layout.fields().stream().map(StructLayout.Field::name).toList();
    }
}
