package wstool.etw.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback schema of one event as TdhGetEventInformation describes it (a TRACE_EVENT_INFO buffer): used for
 * events the bundled manifests do not know, and parsed at the Windows x64 offsets of {@link EtwStructs}.
 */
public record TdhSchema(String providerName, String taskName, String opcodeName, int topLevelCount,
                        List<Property> properties) {

    /** PROPERTY_FLAGS bits (tdh.h). */
    public static final int PROPERTY_STRUCT = 0x1;
    public static final int PROPERTY_PARAM_LENGTH = 0x2;
    public static final int PROPERTY_PARAM_COUNT = 0x4;

    /** One EVENT_PROPERTY_INFO: count/length are property indexes when the PARAM flags say so. */
    public record Property(String name, int flags, int inType, int outType, int count, int length) {
    }

    public TdhSchema {
        properties = List.copyOf(properties);
    }

    private static final int PROVIDER_NAME = EtwStructs.TRACE_EVENT_INFO.offset("ProviderNameOffset");
    private static final int TASK_NAME = EtwStructs.TRACE_EVENT_INFO.offset("TaskNameOffset");
    private static final int OPCODE_NAME = EtwStructs.TRACE_EVENT_INFO.offset("OpcodeNameOffset");
    private static final int PROPERTY_COUNT = EtwStructs.TRACE_EVENT_INFO.offset("PropertyCount");
    private static final int TOP_LEVEL = EtwStructs.TRACE_EVENT_INFO.offset("TopLevelPropertyCount");
    private static final int ARRAY = EtwStructs.TRACE_EVENT_INFO.offset("EventPropertyInfoArray");
    private static final int PI_SIZE = new EtwStructs.EVENT_PROPERTY_INFO().size();

    /**
     * Parses a TRACE_EVENT_INFO buffer.
     *
     * @throws IllegalArgumentException naming the byte offset when the buffer is inconsistent
     */
    public static TdhSchema parse(byte[] info) {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        if (info.length < ARRAY) {
            throw new IllegalArgumentException("TRACE_EVENT_INFO truncated: " + info.length + " bytes");
        }
        int count = b.getInt(PROPERTY_COUNT);
        int top = b.getInt(TOP_LEVEL);
        if (count < 0 || top < 0 || top > count || (long) ARRAY + (long) count * PI_SIZE > info.length) {
            throw new IllegalArgumentException("TRACE_EVENT_INFO: " + count + " properties at offset " + ARRAY
                    + " do not fit in " + info.length + " bytes");
        }
        List<Property> props = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = ARRAY + i * PI_SIZE;
            props.add(new Property(string(info, b.getInt(at + 4)), b.getInt(at), b.getShort(at + 8) & 0xFFFF,
                    b.getShort(at + 10) & 0xFFFF, b.getShort(at + 16) & 0xFFFF, b.getShort(at + 18) & 0xFFFF));
        }
        return new TdhSchema(string(info, b.getInt(PROVIDER_NAME)), string(info, b.getInt(TASK_NAME)),
                string(info, b.getInt(OPCODE_NAME)), top, props);
    }

    /** The NUL-terminated UTF-16LE string at {@code offset}, or null when the offset is 0. */
    static String string(byte[] b, int offset) {
        if (offset <= 0 || offset >= b.length) {
            return null;
        }
        int end = offset;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_16LE);
    }
}
