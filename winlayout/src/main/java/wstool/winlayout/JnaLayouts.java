package wstool.winlayout;

import com.sun.jna.Structure;
import com.sun.jna.Union;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the layout JNA actually gives a {@link Structure} on this host ({@link #actual}) and computes the layout
 * JNA gives the same declaration on Windows x64 ({@link #expectedWin64}): natural alignment (MSVC rules, which for
 * fixed-width types equal the x86-64 SysV rules), packed when the structure uses {@code ALIGN_NONE}.
 * Both refuse structures holding a type whose size differs between Windows and Linux.
 */
public final class JnaLayouts {

    private static final int ALIGN_NONE = 1; // Structure.ALIGN_NONE

    private JnaLayouts() {
    }

    /** The offsets JNA computed for this instance (arrays must be allocated, as JNA itself requires). */
    public static StructLayout actual(Structure s) {
        rejectPlatformDependent(s, s.getClass().getSimpleName());
        return actual(s, s.getClass().getSimpleName());
    }

    private static StructLayout actual(Structure s, String path) {
        List<StructLayout.Field> fields = new ArrayList<>();
        StructLayout expected = expectedWin64(s);
        for (Field f : fieldList(s)) {
            int offset = fieldOffset(s, f.getName());
            StructLayout nested = null;
            if (FixedWidthTypes.isByValueStructure(f.getType())) {
                nested = actual((Structure) value(s, f), path + "." + f.getName());
            }
            StructLayout.Field e = expected.field(f.getName()).orElseThrow();
            fields.add(new StructLayout.Field(f.getName(), f.getType(), offset, e.size(), e.alignment(), nested));
        }
        return new StructLayout(path, s instanceof Union, s.size(), expected.alignment(), fields);
    }

    /** The layout JNA computes for this declaration on Windows x64. */
    public static StructLayout expectedWin64(Structure s) {
        rejectPlatformDependent(s, s.getClass().getSimpleName());
        return expected(s, s.getClass().getSimpleName());
    }

    private static StructLayout expected(Structure s, String path) {
        boolean packed = alignType(s) == ALIGN_NONE;
        boolean union = s instanceof Union;
        int offset = 0;
        int size = 0;
        int structAlign = 1;
        List<StructLayout.Field> fields = new ArrayList<>();
        for (Field f : fieldList(s)) {
            Class<?> t = f.getType();
            int fsize;
            int falign;
            StructLayout nested = null;
            if (t.isArray()) {
                Object array = value(s, f);
                if (array == null) {
                    throw new IllegalArgumentException(path + "." + f.getName() + ": array field is null (allocate it)");
                }
                int n = Array.getLength(array);
                Class<?> c = t.getComponentType();
                int esize;
                if (FixedWidthTypes.isByValueStructure(c)) {
                    Structure first = (Structure) Array.get(array, 0);
                    StructLayout el = expected(first, path + "." + f.getName() + "[0]");
                    esize = el.size();
                    falign = el.alignment();
                } else {
                    esize = FixedWidthTypes.scalarSize(c);
                    falign = esize;
                }
                fsize = esize * n;
            } else if (FixedWidthTypes.isByValueStructure(t)) {
                nested = expected((Structure) value(s, f), path + "." + f.getName());
                fsize = nested.size();
                falign = nested.alignment();
            } else {
                fsize = FixedWidthTypes.scalarSize(t);
                falign = fsize;
            }
            if (packed) {
                falign = 1;
            }
            int at = union ? 0 : align(offset, falign);
            fields.add(new StructLayout.Field(f.getName(), t, at, fsize, falign, nested));
            offset = at + fsize;
            size = Math.max(size, at + fsize);
            structAlign = Math.max(structAlign, falign);
        }
        return new StructLayout(path, union, align(size, structAlign), structAlign, fields);
    }

    /** Throws {@link IllegalArgumentException} naming the first field (at any depth) of a platform-dependent type. */
    static void rejectPlatformDependent(Structure s, String path) {
        for (Field f : fieldList(s)) {
            String why = FixedWidthTypes.rejection(f.getType());
            if (why != null) {
                throw new IllegalArgumentException(path + "." + f.getName() + ": field type " + why);
            }
            Class<?> t = f.getType();
            if (FixedWidthTypes.isByValueStructure(t)) {
                rejectPlatformDependent((Structure) value(s, f), path + "." + f.getName());
            } else if (t.isArray() && FixedWidthTypes.isByValueStructure(t.getComponentType())) {
                Object array = value(s, f);
                if (array != null && Array.getLength(array) > 0) {
                    rejectPlatformDependent((Structure) Array.get(array, 0), path + "." + f.getName() + "[0]");
                }
            }
        }
    }

    static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    @SuppressWarnings("unchecked")
    static List<Field> fieldList(Structure s) {
        return (List<Field>) invoke(s, "getFieldList");
    }

    static int fieldOffset(Structure s, String name) {
        try {
            Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            m.setAccessible(true);
            return (Integer) m.invoke(s, name);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("JNA could not lay out " + s.getClass().getName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JNA Structure.fieldOffset is not accessible", e);
        }
    }

    private static int alignType(Structure s) {
        try {
            Field f = Structure.class.getDeclaredField("alignType");
            f.setAccessible(true);
            return f.getInt(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JNA Structure.alignType is not accessible", e);
        }
    }

    private static Object invoke(Structure s, String method) {
        try {
            Method m = Structure.class.getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(s);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("JNA could not inspect " + s.getClass().getName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JNA Structure." + method + " is not accessible", e);
        }
    }

    private static Object value(Structure s, Field f) {
        try {
            s.size(); // makes JNA allocate nested by-value structures
            f.setAccessible(true);
            return f.get(s);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read field " + f, e);
        }
    }
}
