package wstool.etw.decode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wstool.core.model.DnsEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.FieldSchema;
import wstool.etw.schema.InType;
import wstool.etw.schema.SchemaRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * For every AFD, NameResolution, Kernel-Network, DNS-Client and Kernel-Process event id+version in the manifests and
 * every classic TcpIp/UdpIp layout: a payload synthesised from the
 * schema (each field with a distinct value, lengths and counts consistent) is walked back field by field and decoded
 * to the event type its provider promises.
 */
class SchemaRoundTripTest {
    private static final UUID[] PROVIDERS = {EventDecoder.AFD, EventDecoder.NAME_RESOLUTION, EventDecoder.KERNEL_NETWORK,
            EventDecoder.TCPIP_CLASSIC, EventDecoder.UDPIP_CLASSIC, EventDecoder.DNS_CLIENT, EventDecoder.KERNEL_PROCESS};

    /** What the synthesiser wrote for one field. */
    private record Written(int offset, int length, long number, String text) {}

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void everyEventRoundTrips(int pointerSize) {
        SchemaRegistry reg = SchemaRegistry.builtIn();
        int checked = 0;
        Random rnd = new Random(42);
        for (UUID provider : PROVIDERS) {
            List<EventSchema> events = reg.events(provider);
            assertFalse(events.isEmpty(), "no events for " + provider);
            for (EventSchema s : events) {
                List<Written> written = new ArrayList<>();
                byte[] payload = synthesise(s, pointerSize, rnd, written);
                DecodedFields f = new DecodedFields();
                PayloadWalker.walk(s, payload, 0, payload.length, pointerSize, f);
                assertTrue(f.complete(), s + ": " + f.problem());
                assertEquals(s.fieldCount(), f.count(), s.toString());
                for (int i = 0; i < s.fieldCount(); i++) {
                    Written w = written.get(i);
                    String what = s + " field " + s.field(i).name();
                    assertEquals(w.offset, f.offset(i), what + " offset");
                    assertEquals(w.length, f.length(i), what + " length");
                    if (s.field(i).type().isInteger()) assertEquals(w.number, f.number(i, Long.MIN_VALUE), what);
                    if (w.text != null) assertEquals(w.text, f.string(i), what);
                }
                EventRecordView v = new EventRecordView().provider(provider)
                        .descriptor(s.id(), s.version(), 0, s.level(), s.opcode(), s.task(), s.keywords())
                        .flags(pointerSize == 4 ? EventRecordView.FLAG_32_BIT_HEADER : EventRecordView.FLAG_64_BIT_HEADER, 0)
                        .process(1234, 5678).time(0, Instant.EPOCH).payload(payload, 0, payload.length);
                NetEvent e = new EventDecoder().decode(v);
                assertFalse(e.header().raw().containsKey("decodeProblem"), s + " " + e.header().raw());
                if (provider.equals(EventDecoder.AFD)) assertInstanceOf(SocketEvent.class, e, s.toString());
                if (provider.equals(EventDecoder.NAME_RESOLUTION)) {
                    Class<?> want = s.indexOf("NodeName") >= 0 ? DnsEvent.class : RawEvent.class;
                    assertTrue(want.isInstance(e), s + " gave " + e.getClass().getSimpleName());
                }
                if (provider.equals(EventDecoder.DNS_CLIENT)) {
                    Class<?> want = s.indexOf("QueryName") >= 0 ? DnsEvent.class : RawEvent.class;
                    assertTrue(want.isInstance(e), s + " gave " + e.getClass().getSimpleName());
                }
                if (provider.equals(EventDecoder.KERNEL_PROCESS)) assertInstanceOf(RawEvent.class, e, s.toString());
                if (provider.equals(EventDecoder.TCPIP_CLASSIC) || provider.equals(EventDecoder.UDPIP_CLASSIC)) {
                    SocketEvent se = assertInstanceOf(SocketEvent.class, e, s.toString());
                    if (s.indexOf("PID") >= 0) assertEquals(written.get(s.indexOf("PID")).number, se.header().pid());
                }
                if (provider.equals(EventDecoder.KERNEL_NETWORK)) {
                    Class<?> want = s.indexOf("PID") >= 0 ? SocketEvent.class : RawEvent.class;
                    assertTrue(want.isInstance(e), s + " gave " + e.getClass().getSimpleName());
                    if (e instanceof SocketEvent se) assertEquals(written.get(s.indexOf("PID")).number, se.header().pid());
                }
                checked++;
            }
        }
        assertTrue(checked >= 288, "only " + checked + " events checked");
    }

    private static byte[] synthesise(EventSchema s, int ptr, Random rnd, List<Written> written) {
        PayloadBuilder b = new PayloadBuilder();
        long[] values = new long[s.fieldCount()];
        // lengths and counts that later fields refer to get small values
        boolean[] isLength = new boolean[s.fieldCount()];
        for (FieldSchema f : s.fields()) {
            if (f.lengthField() >= 0) isLength[f.lengthField()] = true;
            if (f.countField() >= 0) isLength[f.countField()] = true;
        }
        for (int i = 0; i < s.fieldCount(); i++) {
            FieldSchema f = s.field(i);
            int start = b.size();
            long number = 0;
            String text = null;
            int count = f.countField() >= 0 ? (int) values[f.countField()] : f.fixedCount() >= 0 ? f.fixedCount() : 1;
            for (int k = 0; k < count; k++) {
                InType t = f.type();
                int size = t.size(ptr);
                if (t.isInteger()) {
                    long v = isLength[i] ? 3 + rnd.nextInt(6) : t == InType.BOOLEAN ? 1 : rnd.nextLong();
                    if (size < 8) v &= (1L << (8 * size)) - 1;
                    if (t.isSigned() && size < 8) v = (v << (64 - 8 * size)) >> (64 - 8 * size);
                    for (int j = 0; j < size; j++) b.u8(v >>> (8 * j));
                    number = v;
                } else if (t == InType.UNICODE_STRING || t == InType.ANSI_STRING) {
                    long declared = f.lengthField() >= 0 ? values[f.lengthField()] : f.fixedLength();
                    text = declared >= 0 ? "x".repeat((int) declared) : "field" + i + "é";
                    if (t == InType.UNICODE_STRING) {
                        if (declared >= 0) b.bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)); else b.utf16z(text);
                    } else {
                        if (declared >= 0) b.bytes(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)); else b.ansiz(text);
                    }
                } else if (t == InType.BINARY) {
                    long declared = f.lengthField() >= 0 ? values[f.lengthField()] : f.fixedLength() >= 0 ? f.fixedLength() : 16;
                    byte[] bin = new byte[(int) declared];
                    rnd.nextBytes(bin);
                    b.bytes(bin);
                } else if (t == InType.SID) {
                    b.u8(1).u8(2).bytes(new byte[]{0, 0, 0, 0, 0, 5}).u32(21).u32(500);
                } else {
                    byte[] fixed = new byte[size];
                    rnd.nextBytes(fixed);
                    b.bytes(fixed);
                }
            }
            values[i] = number;
            int length = b.size() - start;
            if (!f.isArray() && f.lengthField() < 0 && f.fixedLength() < 0) {
                if (f.type() == InType.UNICODE_STRING) length -= 2;
                if (f.type() == InType.ANSI_STRING) length -= 1;
            }
            written.add(new Written(start, length, number, f.isArray() ? null : text));
        }
        return b.build();
    }
}
