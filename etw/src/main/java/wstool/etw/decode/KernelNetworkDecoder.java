package wstool.etw.decode;

import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;

/**
 * Microsoft-Windows-Kernel-Network ({@link TransportEvents}): the operation comes from the opcode, the protocol from
 * the task (11 = UDPIP) or the UDP opcodes 42/43/49. Events without a PID (the connection-failure events) stay raw.
 */
final class KernelNetworkDecoder implements ProviderDecoder {
    private final RawFields raw;
    private final EndpointReader endpoints;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    KernelNetworkDecoder(RawFields raw, EndpointReader endpoints) {
        this.raw = raw;
        this.endpoints = endpoints;
    }

    private static final class Layout {
        final TransportEvents.Fields fields;
        final SocketOp op;
        final Direction dir;
        final int proto;

        Layout(EventSchema s) {
            fields = TransportEvents.Fields.of(s);
            // the UDP opcodes 42, 43, 49 are send, receive and connect-failed
            int o = s.opcode();
            TransportEvents.Operation x = TransportEvents.Operation.of(o == 42 ? 10 : o == 43 ? 11 : o == 49 ? 17 : o);
            op = x.op();
            dir = x.dir();
            proto = s.task() == 11 || s.opcode() == 42 || s.opcode() == 43 || s.opcode() == 49 ? 17 : 6;
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        if (!l.fields.transfer()) return raw.raw(v, Source.ETW_KERNEL_NETWORK, f, f.problem());
        return TransportEvents.socketEvent(v, f, l.fields, raw, endpoints, Source.ETW_KERNEL_NETWORK, l.op, l.dir, l.proto);
    }
}
