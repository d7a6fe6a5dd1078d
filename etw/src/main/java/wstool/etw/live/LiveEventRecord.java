package wstool.etw.live;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The part of one EVENT_RECORD the decoder needs, copied out of ETW's buffer inside the callback (the record is only
 * valid during the callback). Plain data, safe to hand to another thread.
 *
 * @param timestamp EVENT_HEADER.TimeStamp: FILETIME (100 ns since 1601) as ProcessTrace delivers it by default
 * @param payload the UserData bytes
 * @param extendedItems EVENT_HEADER_EXTENDED_DATA_ITEMs (ExtType, data)
 */
public record LiveEventRecord(UUID provider, int eventId, int version, int channel, int level, int opcode, int task,
                              long keyword, int headerFlags, int eventProperty, long pid, long tid, long timestamp,
                              byte[] payload, List<ExtendedItem> extendedItems) {

    /** 100 ns intervals between 1601-01-01 and 1970-01-01. */
    public static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    /** One extended data item. */
    public record ExtendedItem(int type, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ExtendedItem e && e.type == type && Arrays.equals(e.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }
    }

    public LiveEventRecord {
        extendedItems = List.copyOf(extendedItems);
    }

    /** The header timestamp as an Instant (FILETIME, 100 ns resolution). */
    public Instant instant() {
        long t = timestamp - FILETIME_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveEventRecord r && r.provider.equals(provider) && r.eventId == eventId
                && r.version == version && r.channel == channel && r.level == level && r.opcode == opcode
                && r.task == task && r.keyword == keyword && r.headerFlags == headerFlags
                && r.eventProperty == eventProperty && r.pid == pid && r.tid == tid && r.timestamp == timestamp
                && Arrays.equals(r.payload, payload) && r.extendedItems.equals(extendedItems);
    }

    @Override
    public int hashCode() {
        return provider.hashCode() * 31 + eventId * 17 + Long.hashCode(timestamp) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "LiveEventRecord[" + provider + " id " + eventId + " v" + version + " pid " + pid + " tid " + tid
                + " ts " + timestamp + " " + payload.length + " payload bytes, " + extendedItems.size()
                + " extended items]";
    }
}
