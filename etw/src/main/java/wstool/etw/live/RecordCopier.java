package wstool.etw.live;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an EVENT_RECORD (at the offsets of {@link EtwStructs}, layout-checked against Windows x64) into a
 * {@link LiveEventRecord}. Reads only the fields it needs, straight from native memory: no Structure allocation
 * on the callback path.
 */
final class RecordCopier {

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

    private RecordCopier() {
    }

    static LiveEventRecord copy(Pointer rec) {
        byte[] guid = rec.getByteArray(PROVIDER_ID, 16);
        int userLength = rec.getShort(USER_DATA_LENGTH) & 0xFFFF;
        Pointer userData = rec.getPointer(USER_DATA);
        byte[] payload = userLength == 0 || userData == null ? new byte[0] : userData.getByteArray(0, userLength);
        int extCount = rec.getShort(EXT_COUNT) & 0xFFFF;
        Pointer ext = rec.getPointer(EXT_DATA);
        List<LiveEventRecord.ExtendedItem> items = new ArrayList<>(extCount);
        for (int i = 0; ext != null && i < extCount; i++) {
            long base = (long) i * ITEM_SIZE;
            int type = ext.getShort(base + ITEM_TYPE) & 0xFFFF;
            int size = ext.getShort(base + ITEM_SIZE_FIELD) & 0xFFFF;
            long ptr = ext.getLong(base + ITEM_PTR);
            byte[] data = size == 0 || ptr == 0 ? new byte[0] : new Pointer(ptr).getByteArray(0, size);
            items.add(new LiveEventRecord.ExtendedItem(type, data));
        }
        return new LiveEventRecord(Guids.fromBytes(guid, 0),
                rec.getShort(D_ID) & 0xFFFF, rec.getByte(D_VERSION) & 0xFF, rec.getByte(D_CHANNEL) & 0xFF,
                rec.getByte(D_LEVEL) & 0xFF, rec.getByte(D_OPCODE) & 0xFF, rec.getShort(D_TASK) & 0xFFFF,
                rec.getLong(D_KEYWORD), rec.getShort(FLAGS) & 0xFFFF, rec.getShort(EVENT_PROPERTY) & 0xFFFF,
                rec.getInt(PROCESS_ID) & 0xFFFFFFFFL, rec.getInt(THREAD_ID) & 0xFFFFFFFFL, rec.getLong(TIME_STAMP),
                payload, items);
    }
}
