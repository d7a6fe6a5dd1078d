/**
 * Schema-driven decoding of ETW events into the ws_tool event model, shared by the offline .etl reader and the live
 * consumer.
 * <p>
 * Use: fill a reusable {@link wstool.etw.decode.EventRecordView} from an EVENT_RECORD (provider GUID, descriptor,
 * header flags, PID/TID, timestamp as {@link java.time.Instant}, payload bytes, extended data items), then call
 * {@link wstool.etw.decode.EventDecoder#decode(EventRecordView)} on one decoder per stream (it keeps the AFD
 * attribution state: EPROCESS to PID, endpoint to PID/socket triple). It hands each walked payload to the
 * {@code ProviderDecoder} of its provider, which reads fields by name ({@link wstool.etw.decode.Field},
 * {@link wstool.etw.decode.DecodedFields#number(Field)}) and fails on a missing one
 * ({@link wstool.etw.decode.MissingFieldException}: the event comes back raw, naming the field). The result is a
 * {@link wstool.core.model.SocketEvent} (Winsock-AFD, Kernel-Network), a {@link wstool.core.model.DnsEvent}
 * (NameResolution) or a {@link wstool.core.model.RawEvent} (TCPIP, unknown provider/id/version, or a payload too short
 * for its schema; the reason is in {@code raw.decodeProblem}). Unattributed AFD events keep pid -1 and say why in
 * {@code raw.unattributed}.
 * <pre>{@code
 * EventDecoder decoder = new EventDecoder();            // built-in schemas, fresh attribution state
 * EventRecordView v = new EventRecordView();             // reuse for every event
 * v.provider(guid).descriptor(id, version, channel, level, opcode, task, keyword)
 *  .flags(header.Flags, header.EventProperty)           // EVENT_HEADER_FLAG_32/64_BIT_HEADER pick the pointer size
 *  .defaultPointerSize(8).process(pid, tid).time(rawTs, instant)
 *  .payload(bytes, 0, userDataLength).clearExtendedItems();
 * NetEvent e = decoder.decode(v);
 * }</pre>
 */
package wstool.etw.decode;
