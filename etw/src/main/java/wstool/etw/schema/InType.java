package wstool.etw.schema;

import java.util.Locale;

/** Manifest in-types ({@code win:UInt32} ...) with their wire size; -1 = variable, 0 = pointer-sized. */
public enum InType {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8),
    HEXINT8(1), HEXINT16(2), HEXINT32(4), HEXINT64(8), FLOAT(4), DOUBLE(8),
    /** win:Boolean is a 4-byte BOOL. */
    BOOLEAN(4), POINTER(0), GUID(16), FILETIME(8), SYSTEMTIME(16),
    UNICODE_STRING(-1), ANSI_STRING(-1), BINARY(-1), SID(-1);

    private final int size;

    InType(int size) { this.size = size; }

    /** Wire size for the given pointer size, or -1 when the size depends on the data. */
    public int size(int pointerSize) { return size == 0 ? pointerSize : size; }

    public boolean isInteger() {
        switch (this) {
            case INT8: case UINT8: case INT16: case UINT16: case INT32: case UINT32: case INT64: case UINT64:
            case HEXINT8: case HEXINT16: case HEXINT32: case HEXINT64: case BOOLEAN: case POINTER: return true;
            default: return false;
        }
    }

    public boolean isSigned() { return this == INT8 || this == INT16 || this == INT32 || this == INT64; }

    /** Parses "win:UInt32", "UInt32", "winUInt32" (a spelling some manifest dumps have). */
    public static InType parse(String manifestName) {
        String n = manifestName.trim();
        if (n.startsWith("win:")) n = n.substring(4);
        else if (n.startsWith("win")) n = n.substring(3);
        switch (n.toLowerCase(Locale.ROOT)) {
            case "int8": return INT8;
            case "uint8": return UINT8;
            case "int16": return INT16;
            case "uint16": return UINT16;
            case "int32": return INT32;
            case "uint32": return UINT32;
            case "int64": return INT64;
            case "uint64": return UINT64;
            case "hexint8": return HEXINT8;
            case "hexint16": return HEXINT16;
            case "hexint32": return HEXINT32;
            case "hexint64": return HEXINT64;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            case "boolean": return BOOLEAN;
            case "pointer": return POINTER;
            case "guid": return GUID;
            case "filetime": return FILETIME;
            case "systemtime": return SYSTEMTIME;
            case "unicodestring": return UNICODE_STRING;
            case "ansistring": return ANSI_STRING;
            case "binary": return BINARY;
            case "sid": return SID;
            default: throw new IllegalArgumentException("unsupported manifest inType: " + manifestName);
        }
    }
}
