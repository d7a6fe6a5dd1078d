package wstool.etw.live;

import java.util.UUID;

/** GUID as Windows stores it (Data1..3 little-endian, Data4 bytes in order) to and from {@link UUID}. */
public final class Guids {

    private Guids() {
    }

    public static UUID fromFields(int data1, short data2, short data3, byte[] data4) {
        long msb = ((long) data1 << 32) | ((data2 & 0xFFFFL) << 16) | (data3 & 0xFFFFL);
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = (lsb << 8) | (data4[i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    /** Reads the 16-byte Windows GUID at {@code off} of {@code b}. */
    public static UUID fromBytes(byte[] b, int off) {
        int d1 = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
        short d2 = (short) ((b[off + 4] & 0xFF) | (b[off + 5] & 0xFF) << 8);
        short d3 = (short) ((b[off + 6] & 0xFF) | (b[off + 7] & 0xFF) << 8);
        byte[] d4 = new byte[8];
        System.arraycopy(b, off + 8, d4, 0, 8);
        return fromFields(d1, d2, d3, d4);
    }

    /** The 16 bytes Windows stores for {@code u}. */
    public static byte[] toBytes(UUID u) {
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        byte[] b = new byte[16];
        int d1 = (int) (msb >>> 32);
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (d1 >>> (8 * i));
        }
        b[4] = (byte) (msb >>> 16);
        b[5] = (byte) (msb >>> 24);
        b[6] = (byte) msb;
        b[7] = (byte) (msb >>> 8);
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }
}
