package wstool.etw.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian payload bytes for tests. */
final class PayloadBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PayloadBuilder u8(long v) { out.write((int) v); return this; }
    PayloadBuilder u16(long v) { u8(v); u8(v >>> 8); return this; }
    PayloadBuilder u32(long v) { u16(v); u16(v >>> 16); return this; }
    PayloadBuilder u64(long v) { u32(v); u32(v >>> 32); return this; }
    PayloadBuilder ptr(long v, int size) { return size == 8 ? u64(v) : u32(v); }
    PayloadBuilder bytes(byte[] b) { out.write(b, 0, b.length); return this; }
    PayloadBuilder utf16z(String s) { bytes(s.getBytes(StandardCharsets.UTF_16LE)); return u16(0); }
    PayloadBuilder ansiz(String s) { bytes(s.getBytes(StandardCharsets.ISO_8859_1)); return u8(0); }
    int size() { return out.size(); }
    byte[] build() { return out.toByteArray(); }

    static byte[] sockaddrIn(String dotted, int port) throws Exception {
        byte[] a = java.net.InetAddress.getByName(dotted).getAddress();
        return new PayloadBuilder().u16(2).u8(port >>> 8).u8(port).bytes(a).bytes(new byte[8]).build();
    }

    static byte[] sockaddrIn6(String literal, int port) throws Exception {
        byte[] a = java.net.InetAddress.getByName(literal).getAddress();
        return new PayloadBuilder().u16(23).u8(port >>> 8).u8(port).u32(0).bytes(a).u32(0).build();
    }
}
