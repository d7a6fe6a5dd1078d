package wstool.winlayout;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;

/**
 * The field types whose size and alignment are the same on Windows x64 and on the Linux x86-64 host the tests run
 * on, so that a layout measured here is the layout JNA uses on Windows. Everything else (NativeLong and the
 * jna-platform integer types built on it, WString, String, char, boolean, other NativeMapped types) has a
 * platform-dependent size and is rejected.
 */
final class FixedWidthTypes {

    private FixedWidthTypes() {
    }

    /** Size on Win64 of a scalar field type, or -1 if the type is not scalar (struct, array) or not allowed. */
    static int scalarSize(Class<?> t) {
        if (t == byte.class) {
            return 1;
        }
        if (t == short.class) {
            return 2;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (isPointerLike(t)) {
            return 8;
        }
        return -1;
    }

    static boolean isPointerLike(Class<?> t) {
        return Pointer.class.isAssignableFrom(t)
                || PointerType.class.isAssignableFrom(t)
                || Callback.class.isAssignableFrom(t)
                || (Structure.class.isAssignableFrom(t) && Structure.ByReference.class.isAssignableFrom(t));
    }

    static boolean isByValueStructure(Class<?> t) {
        return Structure.class.isAssignableFrom(t) && !Structure.ByReference.class.isAssignableFrom(t);
    }

    /** Why a type is refused, or null when it is a fixed-width scalar, by-value structure or array of those. */
    static String rejection(Class<?> t) {
        if (t.isArray()) {
            Class<?> c = t.getComponentType();
            if (c == char.class) {
                return "char[] (wchar_t is 2 bytes on Windows, 4 on Linux): use short[] or byte[]";
            }
            return rejection(c);
        }
        if (scalarSize(t) > 0 || isByValueStructure(t)) {
            return null;
        }
        if (t == boolean.class || t == Boolean.class) {
            return "boolean (JNA maps it to a 4-byte int, BOOLEAN is 1 byte): use int or byte";
        }
        if (t == char.class || t == Character.class) {
            return "char (wchar_t differs between Windows and Linux): use short";
        }
        if (t == String.class || t.getName().equals("com.sun.jna.WString")) {
            return t.getSimpleName() + " (converted, not a fixed layout): use Pointer";
        }
        if (isSubclassOf(t, "com.sun.jna.NativeLong")) {
            return t.getName() + " (NativeLong = C long: 4 bytes on Windows, 8 on Linux x64): use int";
        }
        if (isSubclassOf(t, "com.sun.jna.IntegerType")) {
            return t.getName() + " (IntegerType: WinDef.LONG/ULONG take the C long size, 8 bytes on Linux x64): use int or long";
        }
        return t.getName() + " (not a fixed-width type): use byte/short/int/long, Pointer or a nested Structure";
    }

    private static boolean isSubclassOf(Class<?> t, String className) {
        for (Class<?> c = t; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
