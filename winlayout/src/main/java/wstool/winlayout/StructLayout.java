package wstool.winlayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Size, alignment and field offsets of one structure or union. Nested structures and unions held by value carry
 * their own layout in {@link Field#nested()}.
 */
public record StructLayout(String name, boolean union, int size, int alignment, List<Field> fields) {

    /** One member: its Java type, offset inside the enclosing structure, size and alignment (array: whole array). */
    public record Field(String name, Class<?> type, int offset, int size, int alignment, StructLayout nested) {
    }

    /** A member reached through nested by-value structures/unions, with its offset from the outermost start. */
    public record FlatField(String path, String leafName, int absoluteOffset, Field field) {
    }

    public StructLayout {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Every member at every nesting depth, paths joined with '.', in declaration order (depth first). */
    public List<FlatField> flatten() {
        List<FlatField> out = new ArrayList<>();
        flatten(this, "", 0, out);
        return out;
    }

    private static void flatten(StructLayout layout, String prefix, int base, List<FlatField> out) {
        for (Field f : layout.fields()) {
            String path = prefix + f.name();
            out.add(new FlatField(path, f.name(), base + f.offset(), f));
            if (f.nested() != null) {
                flatten(f.nested(), path + ".", base + f.offset(), out);
            }
        }
    }
}
