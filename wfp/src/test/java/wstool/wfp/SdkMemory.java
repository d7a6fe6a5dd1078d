package wstool.wfp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds net events in native memory the way Windows x64 lays them out, at offsets written out from the SDK
 * structures (fwpmtypes.h) - deliberately NOT through the JNA Structure classes, so a wrong Structure is caught.
 */
final class SdkMemory {
    /** Keeps every block alive for the test's duration. */
    final List<Memory> blocks = new ArrayList<>();

    Memory alloc(long size) {
        Memory m = new Memory(size);
        m.clear();
        blocks.add(m);
        return m;
    }

    /** Offsets of {@code type} and the union pointer after the header, per FWPM_NET_EVENTn. */
    static long typeOffset(int version) {
        return switch (version) { case 0 -> 88; case 1 -> 144; case 2 -> 104; default -> 136; };
    }

    static long eventSize(int version) { return typeOffset(version) + 16; }

    static long fileTime(Instant t) {
        return (t.getEpochSecond() * 10_000_000L + t.getNano() / 100) + 116_444_736_000_000_000L;
    }

    Pointer utf16z(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        Memory m = alloc(b.length);
        m.write(0, b, 0, b.length);
        return m;
    }

    /** A binary SID from "S-1-5-21-..." */
    Pointer sid(String text) {
        String[] p = text.split("-");
        int subs = p.length - 3;
        Memory m = alloc(8 + 4L * subs);
        m.setByte(0, (byte) Integer.parseInt(p[1]));
        m.setByte(1, (byte) subs);
        long auth = Long.parseLong(p[2]);
        for (int i = 0; i < 6; i++) m.setByte(2 + i, (byte) (auth >>> (8 * (5 - i))));
        for (int i = 0; i < subs; i++) m.setInt(8 + 4L * i, (int) Long.parseLong(p[3 + i]));
        return m;
    }

    /** The header fields every event version shares, at their x64 offsets. */
    final class Event {
        final int version;
        final Memory m;

        Event(int version, int type) {
            this.version = version;
            this.m = alloc(eventSize(version));
            m.setInt(typeOffset(version), type);
        }

        Event time(Instant t) { m.setLong(0, fileTime(t)); return this; }
        Event flags(int f) { m.setInt(8, f); return this; }
        Event ipVersion(int v) { m.setInt(12, v); return this; }
        Event protocol(int p) { m.setByte(16, (byte) p); return this; }

        Event local(InetAddress a) { addr(20, a); return this; }
        Event remote(InetAddress a) { addr(36, a); return this; }

        private void addr(long off, InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length == 4) m.setInt(off, ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
            else m.write(off, b, 0, 16);
        }

        Event localPort(int p) { m.setShort(52, (short) p); return this; }
        Event remotePort(int p) { m.setShort(54, (short) p); return this; }
        Event scopeId(int s) { m.setInt(56, s); return this; }

        Event appId(String path) {
            byte[] b = (path + "\0").getBytes(StandardCharsets.UTF_16LE);
            Memory d = alloc(b.length);
            d.write(0, b, 0, b.length);
            m.setInt(64, b.length);
            m.setPointer(72, d);
            return this;
        }

        Event userId(String sid) { m.setPointer(80, sid(sid)); return this; }

        Event packageSid(String sid) { // HEADER2+
            m.setInt(88, 0);
            m.setPointer(96, sid(sid));
            return this;
        }

        Event policyFlags(long f) { m.setLong(112, f); return this; } // HEADER3

        Event body(Pointer p) { m.setPointer(typeOffset(version) + 8, p); return this; }
    }

    Event event(int version, int type) { return new Event(version, type); }

    /** CLASSIFY_DROP0 (16 bytes), DROP1 / ALLOW0 (32), DROP2 (56): filterId@0 layerId@8 reauth@12 profiles@16,20 dir@24 loopback@28. */
    Memory classify(long size, long filterId, int layerId, int msFwpDirection, boolean loopback) {
        Memory b = alloc(size);
        b.setLong(0, filterId);
        b.setShort(8, (short) layerId);
        if (size >= 32) {
            b.setInt(12, 0);
            b.setInt(16, 1);
            b.setInt(20, 2);
            b.setInt(24, msFwpDirection);
            b.setInt(28, loopback ? 1 : 0);
        }
        if (size >= 56) {
            b.setInt(48, 7);
            b.setInt(52, 9);
        }
        return b;
    }

    static final int POINTER = Native.POINTER_SIZE;
}
