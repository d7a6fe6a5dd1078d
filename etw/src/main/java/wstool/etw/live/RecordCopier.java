package wstool.etw.live;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an EVENT_RECORD (at the offsets of {@link EtwStructs}, layout-checked against Windows x64) into a
 * {@link LiveEventRecord}: one native read of the 112-byte record, one of the payload, one per extended item; no
 * Structure allocation on the callback path.
 */
public final class RecordCopier {

    private static final int HDR = EtwStructs.EVENT_RECORD.offset("EventHeader");
    private static final int FLAGS = HDR + EtwStructs.EVENT_HEADER.offset("Flags");
    private static final int EVENT_PROPERTY = HDR + EtwStructs.EVENT_HEADER.offset("EventProperty");
    private static final int THREAD_ID = HDR + EtwStructs.EVENT_HEADER.offset("ThreadId");
    private static final int PROCESS_ID = HDR + EtwStructs.EVENT_HEADER.offset("ProcessId");
    private static final int TIME_STAMP = HDR + EtwStructs.EVENT_HEADER.offset("TimeStamp");
    private static final int PROVIDER_ID = HDR + EtwStructs.EVENT_HEADER.offset("ProviderId");
    private static final int DESC = HDR + EtwStructs.EVENT_HEADER.offset("EventDescriptor");
    private static final int D_ID = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Id");
    private static final int D_VERSION = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Version");
    private static final int D_CHANNEL = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Channel");
    private static final int D_LEVEL = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Level");
    private static final int D_OPCODE = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Opcode");
    private static final int D_TASK = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Task");
    private static final int D_KEYWORD = DESC + EtwStructs.EVENT_DESCRIPTOR.offset("Keyword");
    private static final int EXT_COUNT = EtwStructs.EVENT_RECORD.offset("ExtendedDataCount");
    private static final int USER_DATA_LENGTH = EtwStructs.EVENT_RECORD.offset("UserDataLength");
    private static final int EXT_DATA = EtwStructs.EVENT_RECORD.offset("ExtendedData");
    private static final int USER_DATA = EtwStructs.EVENT_RECORD.offset("UserData");
    private static final int ITEM_SIZE = new EtwStructs.EVENT_HEADER_EXTENDED_DATA_ITEM().size();
    private static final int ITEM_TYPE = EtwStructs.EVENT_HEADER_EXTENDED_DATA_ITEM.offset("ExtType");
    private static final int ITEM_SIZE_FIELD = EtwStructs.EVENT_HEADER_EXTENDED_DATA_ITEM.offset("DataSize");
    private static final int ITEM_PTR = EtwStructs.EVENT_HEADER_EXTENDED_DATA_ITEM.offset("DataPtr");
    private static final int RECORD_SIZE = new EtwStructs.EVENT_RECORD().size();

    private RecordCopier() {
    }

    /** Copies the EVENT_RECORD at {@code rec} (valid only during the ETW callback). */
    public static LiveEventRecord copy(Pointer rec) {
        ByteBuffer b = ByteBuffer.wrap(rec.getByteArray(0, RECORD_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        int userLength = b.getShort(USER_DATA_LENGTH) & 0xFFFF;
        long userData = b.getLong(USER_DATA);
        byte[] payload = userLength == 0 || userData == 0 ? new byte[0]
                : new Pointer(userData).getByteArray(0, userLength);
        int extCount = b.getShort(EXT_COUNT) & 0xFFFF;
        long ext = b.getLong(EXT_DATA);
        List<LiveEventRecord.ExtendedItem> items = extCount == 0 || ext == 0 ? List.of() : new ArrayList<>(extCount);
        if (ext != 0 && extCount > 0) {
            ByteBuffer e = ByteBuffer.wrap(new Pointer(ext).getByteArray(0, extCount * ITEM_SIZE))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < extCount; i++) {
                int base = i * ITEM_SIZE;
                int type = e.getShort(base + ITEM_TYPE) & 0xFFFF;
                int size = e.getShort(base + ITEM_SIZE_FIELD) & 0xFFFF;
                long ptr = e.getLong(base + ITEM_PTR);
                byte[] data = size == 0 || ptr == 0 ? new byte[0] : new Pointer(ptr).getByteArray(0, size);
                items.add(new LiveEventRecord.ExtendedItem(type, data));
            }
        }
        byte[] guid = new byte[16];
        b.get(PROVIDER_ID, guid);
        return new LiveEventRecord(Guids.fromBytes(guid, 0),
                b.getShort(D_ID) & 0xFFFF, b.get(D_VERSION) & 0xFF, b.get(D_CHANNEL) & 0xFF,
                b.get(D_LEVEL) & 0xFF, b.get(D_OPCODE) & 0xFF, b.getShort(D_TASK) & 0xFFFF,
                b.getLong(D_KEYWORD), b.getShort(FLAGS) & 0xFFFF, b.getShort(EVENT_PROPERTY) & 0xFFFF,
                b.getInt(PROCESS_ID) & 0xFFFFFFFFL, b.getInt(THREAD_ID) & 0xFFFFFFFFL, b.getLong(TIME_STAMP),
                payload, items);
    }
}
