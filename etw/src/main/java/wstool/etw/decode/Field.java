package wstool.etw.decode;

import wstool.etw.schema.EventSchema;

/**
 * A field of one schema, looked up by name once (a decoder keeps these per schema) and then read through
 * {@link DecodedFields#number(Field)} and friends, which fail when the field is absent, or asked first with
 * {@link DecodedFields#has(Field)} when the field is optional (krabsetw's {@code parse<T>(name)} /
 * {@code try_parse}).
 */
final class Field {
    final String name;
    final int index;

    private Field(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /** The field called {@code name} (case-insensitive) in {@code schema}; {@link #declared()} says whether it exists. */
    public static Field of(EventSchema schema, String name) { return new Field(name, schema.indexOf(name)); }

    /** The field, which the schema must declare. */
    public static Field required(EventSchema schema, String name) {
        Field f = of(schema, name);
        if (!f.declared()) throw new MissingFieldException(schema + " has no field " + name);
        return f;
    }

    public boolean declared() { return index >= 0; }
    public String name() { return name; }
    public int index() { return index; }
}
