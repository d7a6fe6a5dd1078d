package wstool.etw.decode;

import wstool.core.model.NetEvent;

/**
 * The network meaning of one provider's events. {@link EventDecoder} finds the schema, walks the payload and hands
 * the fields over; a needed field that is absent throws {@link MissingFieldException} (the event then comes back
 * raw, naming the field).
 */
interface ProviderDecoder {
    /** @param f the walked payload; {@code f.schema()} is the event's schema */
    NetEvent decode(EventRecordView v, DecodedFields f);
}
