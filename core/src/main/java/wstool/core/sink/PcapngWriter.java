package wstool.core.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the pcapng blocks ws_tool needs (draft-ietf-opsawg-pcapng): one Section Header Block, Interface Description
 * Blocks with nanosecond timestamps (if_tsresol 9), Enhanced Packet Blocks with their original length, direction
 * flags (epb_flags) and a comment (opt_comment). Little-endian, as the byte-order magic says. No pcapng writer is kept
 * on Maven Central (pcap4j writes classic pcap only, through native libpcap), hence this one.
 */
public final class PcapngWriter implements AutoCloseable {
    private static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    private static final int OPT_END = 0, OPT_COMMENT = 1, SHB_USERAPPL = 4, IF_NAME = 2, IF_DESCRIPTION = 3,
            IF_TSRESOL = 9, EPB_FLAGS = 2;

    private final OutputStream out;
    private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private int interfaces;
    private boolean options; // the block being built has options: it ends with opt_endofopt

    /** Writes the section header. */
    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.out = out;
        start(SHB);
        buf.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1); // section length unknown
        option(SHB_USERAPPL, application);
        end();
    }

    /** Adds an interface; its id is the count of interfaces before it. */
    public int addInterface(int linkType, String name, String description) throws IOException {
        start(IDB);
        buf.putShort((short) linkType).putShort((short) 0).putInt(0); // snaplen 0: no limit
        option(IF_NAME, name);
        option(IF_DESCRIPTION, description);
        room(8);
        buf.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) 9).put(new byte[3]);
        options = true;
        end();
        return interfaces++;
    }

    /**
     * @param inbound true inbound, false outbound, null unknown (epb_flags bits 0-1: 01 inbound, 10 outbound)
     * @param comment opt_comment, null for none
     */
    public void packet(int iface, Instant time, byte[] data, int originalLength, Boolean inbound, String comment)
            throws IOException {
        if (iface < 0 || iface >= interfaces) throw new IllegalArgumentException("no interface " + iface);
        long ns = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        start(EPB);
        room(20 + data.length + 3);
        buf.putInt(iface).putInt((int) (ns >>> 32)).putInt((int) ns).putInt(data.length)
                .putInt(Math.max(originalLength, data.length));
        buf.put(data);
        pad();
        if (inbound != null) {
            room(8);
            buf.putShort((short) EPB_FLAGS).putShort((short) 4).putInt(inbound ? 1 : 2);
            options = true;
        }
        option(OPT_COMMENT, comment);
        end();
    }

    public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException { out.close(); }

    private void start(int type) {
        buf.clear();
        buf.putInt(type).putInt(0); // total length, filled in by end()
        options = false;
    }

    private void option(int code, String text) {
        if (text == null || text.isEmpty()) return;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(b.length, 0xFFFF);
        room(4 + len + 3);
        buf.putShort((short) code).putShort((short) len).put(b, 0, len);
        pad();
        options = true;
    }

    private void end() throws IOException {
        room(8);
        if (options) buf.putShort((short) OPT_END).putShort((short) 0);
        int total = buf.position() + 4;
        buf.putInt(total);
        buf.putInt(4, total);
        out.write(buf.array(), 0, total);
    }

    private void pad() { while ((buf.position() & 3) != 0) buf.put((byte) 0); }

    private void room(int n) {
        if (buf.remaining() >= n + 8) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n + 16)).order(ByteOrder.LITTLE_ENDIAN);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
