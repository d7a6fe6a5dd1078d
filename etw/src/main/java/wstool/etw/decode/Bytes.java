package wstool.etw.decode;

/** Little-endian reads from byte arrays. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] d, int o) { return d[o] & 0xFF; }
    static int u16(byte[] d, int o) { return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8; }
    static long u32(byte[] d, int o) {
        return ((d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8 | (d[o + 2] & 0xFF) << 16 | (d[o + 3] & 0xFF) << 24) & 0xFFFFFFFFL;
    }
    static long u64(byte[] d, int o) { return u32(d, o) | u32(d, o + 4) << 32; }
    /** Big-endian 16-bit (network byte order ports). */
    static int be16(byte[] d, int o) { return (d[o] & 0xFF) << 8 | (d[o + 1] & 0xFF); }
}
