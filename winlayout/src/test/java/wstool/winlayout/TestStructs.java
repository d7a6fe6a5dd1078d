package wstool.winlayout;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinDef;

/** Structures for testing the checker: correct mirrors and deliberately wrong ones. */
final class TestStructs {

    private TestStructs() {
    }

    @Structure.FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
    public static class EventDescriptor extends Structure {
        public short Id;
        public byte Version;
        public byte Channel;
        public byte Level;
        public byte Opcode;
        public short Task;
        public long Keyword;
    }

    /** Keyword declared as int: offsets stay, size shrinks from 16 to 12. */
    @Structure.FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
    public static class EventDescriptorIntKeyword extends Structure {
        public short Id;
        public byte Version;
        public byte Channel;
        public byte Level;
        public byte Opcode;
        public short Task;
        public int Keyword;
    }


    /** WNODE_HEADER with HistoricalContext (ULONG64) and TimeStamp (LARGE_INTEGER) declared as int. */
    @Structure.FieldOrder({"BufferSize", "ProviderId", "HistoricalContext", "TimeStamp", "Guid", "ClientContext", "Flags"})
    public static class WrongWnodeHeader extends Structure {
        public int BufferSize;
        public int ProviderId;
        public int HistoricalContext;
        public int TimeStamp;
        public byte[] Guid = new byte[16];
        public int ClientContext;
        public int Flags;
    }

    public static class NonStructType extends Structure {
        public short InType;
        public short OutType;
        public int MapNameOffset;

        @Override
        protected java.util.List<String> getFieldOrder() {
            return java.util.List.of("InType", "OutType", "MapNameOffset");
        }
    }

    @Structure.FieldOrder({"StructStartIndex", "NumOfStructMembers", "padding"})
    public static class StructType extends Structure {
        public short StructStartIndex;
        public short NumOfStructMembers;
        public int padding;
    }

    public static class TypeUnion extends Union {
        public NonStructType nonStructType;
        public StructType structType;
    }

    public static class CountUnion extends Union {
        public short count;
        public short countPropertyIndex;
    }

    public static class LengthUnion extends Union {
        public short length;
        public short lengthPropertyIndex;
    }

    /** EVENT_PROPERTY_INFO with its anonymous C unions as JNA Union fields. */
    @Structure.FieldOrder({"Flags", "NameOffset", "u1", "u2", "u3", "Reserved"})
    public static class EventPropertyInfo extends Structure {
        public int Flags;
        public int NameOffset;
        public TypeUnion u1;
        public CountUnion u2;
        public LengthUnion u3;
        public int Reserved;
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithNativeLong extends Structure {
        public int a;
        public NativeLong b;
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithWinLong extends Structure {
        public int a;
        public WinDef.ULONG b;
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithWString extends Structure {
        public int a;
        public WString b;
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithString extends Structure {
        public int a;
        public String b;
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithCharArray extends Structure {
        public int a;
        public char[] b = new char[4];
    }

    @Structure.FieldOrder({"a", "b"})
    public static class WithBoolean extends Structure {
        public int a;
        public boolean b;
    }

    @Structure.FieldOrder({"a", "inner"})
    public static class WithNestedNativeLong extends Structure {
        public int a;
        public WithNativeLong inner;
    }

    /** EVENT_FILTER_DESCRIPTOR (not field-by-field in the table): Ptr ULONGLONG, Size ULONG, Type ULONG. */
    @Structure.FieldOrder({"Ptr", "Size", "Type"})
    public static class EventFilterDescriptor extends Structure {
        public long Ptr;
        public int Size;
        public int Type;
    }

    /** EVENT_FILTER_DESCRIPTOR with Size (ULONG) declared as long: Type at 16 instead of 12, size 24. */
    @Structure.FieldOrder({"Ptr", "Size", "Type"})
    public static class WrongEventFilterDescriptor extends Structure {
        public long Ptr;
        public long Size;
        public int Type;
    }

    /** A type mingw does not have, declared by the caller. */
    @Structure.FieldOrder({"head", "ptr", "tail"})
    public static class CallerDeclared extends Structure {
        public short head;
        public Pointer ptr;
        public byte tail;
    }

    /** FWP_BYTE_BLOB: UINT32 size; UINT8 *data. */
    @Structure.FieldOrder({"size", "data"})
    public static class FwpByteBlob extends Structure {
        public int size;
        public Pointer data;
    }
}
