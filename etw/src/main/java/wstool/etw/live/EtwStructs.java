package wstool.etw.live;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;
import java.util.UUID;

/**
 * JNA mirrors of the ETW / TDH structures the live consumer uses, named as in the Windows SDK (evntrace.h,
 * evntcons.h, evntprov.h, tdh.h). Only fixed-width field types: every structure is checked field by field against
 * Windows x64 (EtwStructsLayoutTest: the SDK layout table, plus a mingw-w64 compile-only probe for what the table
 * lacks). Unions the consumer never reads are declared as their widest or first member.
 *
 * <p>Status: layouts verified against Windows x64 headers; never yet run against a real Windows ETW session from
 * this code base (see the Windows CI workflow).
 */
public final class EtwStructs {

    private EtwStructs() {
    }

    /** GUID (16 bytes, 4-byte aligned). */
    @Structure.FieldOrder({"Data1", "Data2", "Data3", "Data4"})
    public static class GUID extends Structure {
        public int Data1;
        public short Data2;
        public short Data3;
        public byte[] Data4 = new byte[8];

        public GUID() {
        }

        public GUID(Pointer p) {
            super(p);
            read();
        }

        public static GUID of(UUID u) {
            GUID g = new GUID();
            g.set(u);
            return g;
        }

        public void set(UUID u) {
            long msb = u.getMostSignificantBits();
            long lsb = u.getLeastSignificantBits();
            Data1 = (int) (msb >>> 32);
            Data2 = (short) (msb >>> 16);
            Data3 = (short) msb;
            for (int i = 0; i < 8; i++) {
                Data4[i] = (byte) (lsb >>> (56 - 8 * i));
            }
        }

        public UUID toUuid() {
            return Guids.fromFields(Data1, Data2, Data3, Data4);
        }
    }

    /** EVENT_DESCRIPTOR (evntprov.h). */
    @Structure.FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
    public static class EVENT_DESCRIPTOR extends Structure {
        public short Id;
        public byte Version;
        public byte Channel;
        public byte Level;
        public byte Opcode;
        public short Task;
        public long Keyword;

        public static int offset(String field) {
            return new EVENT_DESCRIPTOR().fieldOffset(field);
        }
    }

    /** EVENT_HEADER (evntcons.h); ProcessorTime stands for the KernelTime/UserTime union. */
    @Structure.FieldOrder({"Size", "HeaderType", "Flags", "EventProperty", "ThreadId", "ProcessId", "TimeStamp",
            "ProviderId", "EventDescriptor", "ProcessorTime", "ActivityId"})
    public static class EVENT_HEADER extends Structure {
        public short Size;
        public short HeaderType;
        public short Flags;
        public short EventProperty;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        public GUID ProviderId;
        public EVENT_DESCRIPTOR EventDescriptor;
        public long ProcessorTime;
        public GUID ActivityId;

        public static int offset(String field) {
            return new EVENT_HEADER().fieldOffset(field);
        }
    }

    /** ETW_BUFFER_CONTEXT; ProcessorNumber/Alignment share their 2 bytes with ProcessorIndex. */
    @Structure.FieldOrder({"ProcessorNumber", "Alignment", "LoggerId"})
    public static class ETW_BUFFER_CONTEXT extends Structure {
        public byte ProcessorNumber;
        public byte Alignment;
        public short LoggerId;
    }

    /** EVENT_RECORD: what the EventRecordCallback receives. */
    @Structure.FieldOrder({"EventHeader", "BufferContext", "ExtendedDataCount", "UserDataLength", "ExtendedData",
            "UserData", "UserContext"})
    public static class EVENT_RECORD extends Structure {
        public EVENT_HEADER EventHeader;
        public ETW_BUFFER_CONTEXT BufferContext;
        public short ExtendedDataCount;
        public short UserDataLength;
        public Pointer ExtendedData;
        public Pointer UserData;
        public Pointer UserContext;

        public EVENT_RECORD() {
        }

        public EVENT_RECORD(Pointer p) {
            super(p);
        }

        /** offsetof(EVENT_RECORD, field) as JNA lays it out (layout-checked against Windows x64). */
        public static int offset(String field) {
            return new EVENT_RECORD().fieldOffset(field);
        }
    }

    /**
     * EVENT_HEADER_EXTENDED_DATA_ITEM; LinkageBits is the USHORT holding the Linkage:1/Reserved2:15 bit-field
     * (offsetof cannot name a bit-field: its offset 4 follows from ExtType at 2 and DataSize at 6).
     */
    @Structure.FieldOrder({"Reserved1", "ExtType", "LinkageBits", "DataSize", "DataPtr"})
    public static class EVENT_HEADER_EXTENDED_DATA_ITEM extends Structure {
        public short Reserved1;
        public short ExtType;
        public short LinkageBits;
        public short DataSize;
        public long DataPtr;

        public EVENT_HEADER_EXTENDED_DATA_ITEM() {
        }

        public EVENT_HEADER_EXTENDED_DATA_ITEM(Pointer p) {
            super(p);
        }

        public static int offset(String field) {
            return new EVENT_HEADER_EXTENDED_DATA_ITEM().fieldOffset(field);
        }
    }

    /** WNODE_HEADER; HistoricalContext and TimeStamp stand for their unions (Version/Linkage, KernelHandle). */
    @Structure.FieldOrder({"BufferSize", "ProviderId", "HistoricalContext", "TimeStamp", "Guid", "ClientContext",
            "Flags"})
    public static class WNODE_HEADER extends Structure {
        public int BufferSize;
        public int ProviderId;
        public long HistoricalContext;
        public long TimeStamp;
        public GUID Guid;
        public int ClientContext;
        public int Flags;
    }

    /**
     * EVENT_TRACE_PROPERTIES. Windows wants the logger name (and log file name) inside the same allocation, after the
     * structure, at LoggerNameOffset: see {@link EtwSession#propertiesBuffer}.
     */
    @Structure.FieldOrder({"Wnode", "BufferSize", "MinimumBuffers", "MaximumBuffers", "MaximumFileSize",
            "LogFileMode", "FlushTimer", "EnableFlags", "AgeLimit", "NumberOfBuffers", "FreeBuffers", "EventsLost",
            "BuffersWritten", "LogBuffersLost", "RealTimeBuffersLost", "LoggerThreadId", "LogFileNameOffset",
            "LoggerNameOffset"})
    public static class EVENT_TRACE_PROPERTIES extends Structure {
        public WNODE_HEADER Wnode;
        public int BufferSize;
        public int MinimumBuffers;
        public int MaximumBuffers;
        public int MaximumFileSize;
        public int LogFileMode;
        public int FlushTimer;
        public int EnableFlags;
        public int AgeLimit;
        public int NumberOfBuffers;
        public int FreeBuffers;
        public int EventsLost;
        public int BuffersWritten;
        public int LogBuffersLost;
        public int RealTimeBuffersLost;
        public Pointer LoggerThreadId;
        public int LogFileNameOffset;
        public int LoggerNameOffset;

        public EVENT_TRACE_PROPERTIES() {
        }

        public EVENT_TRACE_PROPERTIES(Pointer p) {
            super(p);
        }

        public static int offset(String field) {
            return new EVENT_TRACE_PROPERTIES().fieldOffset(field);
        }
    }

    /**
     * TRACE_LOGFILE_HEADER. Version stands for its union with VersionDetail; LogInstanceGuid for its union with
     * StartBuffers/PointerSize/EventsLost/CpuSpeedInMHz; TimeZone (TIME_ZONE_INFORMATION, 172 bytes, 4-aligned) is
     * opaque.
     */
    @Structure.FieldOrder({"BufferSize", "Version", "ProviderVersion", "NumberOfProcessors", "EndTime",
            "TimerResolution", "MaximumFileSize", "LogFileMode", "BuffersWritten", "LogInstanceGuid", "LoggerName",
            "LogFileName", "TimeZone", "BootTime", "PerfFreq", "StartTime", "ReservedFlags", "BuffersLost"})
    public static class TRACE_LOGFILE_HEADER extends Structure {
        public int BufferSize;
        public int Version;
        public int ProviderVersion;
        public int NumberOfProcessors;
        public long EndTime;
        public int TimerResolution;
        public int MaximumFileSize;
        public int LogFileMode;
        public int BuffersWritten;
        public GUID LogInstanceGuid;
        public Pointer LoggerName;
        public Pointer LogFileName;
        public int[] TimeZone = new int[43];
        public long BootTime;
        public long PerfFreq;
        public long StartTime;
        public int ReservedFlags;
        public int BuffersLost;
    }

    /** EVENT_TRACE_HEADER (48 bytes); only held inside EVENT_TRACE, never read. */
    @Structure.FieldOrder({"Size", "FieldTypeFlags", "Version", "ThreadId", "ProcessId", "TimeStamp", "Guid",
            "ProcessorTime"})
    public static class EVENT_TRACE_HEADER extends Structure {
        public short Size;
        public short FieldTypeFlags;
        public int Version;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        public GUID Guid;
        public long ProcessorTime;
    }

    /** EVENT_TRACE (88 bytes): the legacy CurrentEvent slot of EVENT_TRACE_LOGFILEW, never read. */
    @Structure.FieldOrder({"Header", "InstanceId", "ParentInstanceId", "ParentGuid", "MofData", "MofLength",
            "BufferContext"})
    public static class EVENT_TRACE extends Structure {
        public EVENT_TRACE_HEADER Header;
        public int InstanceId;
        public int ParentInstanceId;
        public GUID ParentGuid;
        public Pointer MofData;
        public int MofLength;
        public int BufferContext;
    }

    /**
     * EVENT_TRACE_LOGFILEW. ProcessTraceMode stands for its union with LogFileMode; EventRecordCallback for its
     * union with EventCallback.
     */
    @Structure.FieldOrder({"LogFileName", "LoggerName", "CurrentTime", "BuffersRead", "ProcessTraceMode",
            "CurrentEvent", "LogfileHeader", "BufferCallback", "BufferSize", "Filled", "EventsLost",
            "EventRecordCallback", "IsKernelTrace", "Context"})
    public static class EVENT_TRACE_LOGFILEW extends Structure {
        public Pointer LogFileName;
        public Pointer LoggerName;
        public long CurrentTime;
        public int BuffersRead;
        public int ProcessTraceMode;
        public EVENT_TRACE CurrentEvent;
        public TRACE_LOGFILE_HEADER LogfileHeader;
        public Pointer BufferCallback;
        public int BufferSize;
        public int Filled;
        public int EventsLost;
        public EventRecordCallback EventRecordCallback;
        public int IsKernelTrace;
        public Pointer Context;

        public EVENT_TRACE_LOGFILEW() {
        }

        public EVENT_TRACE_LOGFILEW(Pointer p) {
            super(p);
        }

        public static int offset(String field) {
            return new EVENT_TRACE_LOGFILEW().fieldOffset(field);
        }
    }

    /** ENABLE_TRACE_PARAMETERS (version 2). */
    @Structure.FieldOrder({"Version", "EnableProperty", "ControlFlags", "SourceId", "EnableFilterDesc",
            "FilterDescCount"})
    public static class ENABLE_TRACE_PARAMETERS extends Structure {
        public int Version;
        public int EnableProperty;
        public int ControlFlags;
        public GUID SourceId;
        public Pointer EnableFilterDesc;
        public int FilterDescCount;
    }

    /** EVENT_FILTER_DESCRIPTOR. */
    @Structure.FieldOrder({"Ptr", "Size", "Type"})
    public static class EVENT_FILTER_DESCRIPTOR extends Structure {
        public long Ptr;
        public int Size;
        public int Type;
    }

    /**
     * EVENT_FILTER_EVENT_ID header (the Events array of Count USHORTs follows at offset 4; sizeof with
     * ANYSIZE_ARRAY is 6). mingw-w64 lacks it: the layout test declares it from the SDK's evntprov.h.
     */
    @Structure.FieldOrder({"FilterIn", "Reserved", "Count", "Events"})
    public static class EVENT_FILTER_EVENT_ID extends Structure {
        public byte FilterIn;
        public byte Reserved;
        public short Count;
        public short[] Events = new short[1];
    }

    /** EVENT_PROPERTY_INFO: three anonymous unions. */
    @Structure.FieldOrder({"Flags", "NameOffset", "types", "countUnion", "lengthUnion", "Reserved"})
    public static class EVENT_PROPERTY_INFO extends Structure {
        public int Flags;
        public int NameOffset;
        public TypesUnion types;
        public CountUnion countUnion;
        public LengthUnion lengthUnion;
        public int Reserved;

        public EVENT_PROPERTY_INFO() {
        }

        public EVENT_PROPERTY_INFO(Pointer p) {
            super(p);
        }
    }

    @Structure.FieldOrder({"InType", "OutType", "MapNameOffset"})
    public static class NonStructType extends Structure {
        public short InType;
        public short OutType;
        public int MapNameOffset;
    }

    @Structure.FieldOrder({"StructStartIndex", "NumOfStructMembers", "padding"})
    public static class StructType extends Structure {
        public short StructStartIndex;
        public short NumOfStructMembers;
        public int padding;
    }

    public static class TypesUnion extends Union {
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

    /**
     * TRACE_EVENT_INFO; ActivityIDNameOffset / RelatedActivityIDNameOffset / Flags stand for their unions. The
     * EVENT_PROPERTY_INFO array (PropertyCount entries) starts at EventPropertyInfoArray.
     */
    @Structure.FieldOrder({"ProviderGuid", "EventGuid", "EventDescriptor", "DecodingSource", "ProviderNameOffset",
            "LevelNameOffset", "ChannelNameOffset", "KeywordsNameOffset", "TaskNameOffset", "OpcodeNameOffset",
            "EventMessageOffset", "ProviderMessageOffset", "BinaryXMLOffset", "BinaryXMLSize",
            "ActivityIDNameOffset", "RelatedActivityIDNameOffset", "PropertyCount", "TopLevelPropertyCount", "Flags",
            "EventPropertyInfoArray"})
    public static class TRACE_EVENT_INFO extends Structure {
        public GUID ProviderGuid;
        public GUID EventGuid;
        public EVENT_DESCRIPTOR EventDescriptor;
        public int DecodingSource;
        public int ProviderNameOffset;
        public int LevelNameOffset;
        public int ChannelNameOffset;
        public int KeywordsNameOffset;
        public int TaskNameOffset;
        public int OpcodeNameOffset;
        public int EventMessageOffset;
        public int ProviderMessageOffset;
        public int BinaryXMLOffset;
        public int BinaryXMLSize;
        public int ActivityIDNameOffset;
        public int RelatedActivityIDNameOffset;
        public int PropertyCount;
        public int TopLevelPropertyCount;
        public int Flags;
        public EVENT_PROPERTY_INFO[] EventPropertyInfoArray = {new EVENT_PROPERTY_INFO()};

        public TRACE_EVENT_INFO() {
        }

        public TRACE_EVENT_INFO(Pointer p) {
            super(p);
        }

        public static int offset(String field) {
            return new TRACE_EVENT_INFO().fieldOffset(field);
        }
    }
}
