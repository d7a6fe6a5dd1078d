package wstool.etw.schema;

/**
 * One template field.
 *
 * @param lengthField index of the earlier field holding this field's length (bytes for Binary, characters for
 *                    strings), -1 when none
 * @param fixedLength constant length from the manifest, -1 when none
 * @param countField index of the earlier field holding the element count of an array, -1 when none
 * @param fixedCount constant element count, -1 when not an array with a constant count
 * @param map value map name, null when none
 */
public record FieldSchema(String name, InType type, int lengthField, int fixedLength, int countField, int fixedCount,
                          String map) {
    public boolean isArray() { return countField >= 0 || fixedCount >= 0; }
}
