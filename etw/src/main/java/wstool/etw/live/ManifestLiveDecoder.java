package wstool.etw.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;

/**
 * The live path's decoder: the same schema-driven {@link EventDecoder} the offline .etl reader uses, fed with the
 * bytes copied from EVENT_RECORD. Events the bundled manifests do not know get the fields of their TDH schema
 * (TdhGetEventInformation) added to the RawEvent's raw map. One instance per session (the AFD attribution state
 * lives in the decoder), used from one thread.
 */
public final class ManifestLiveDecoder implements LiveDecoder {

    private final EventDecoder decoder;
    private final EventRecordView view = new EventRecordView();

    public ManifestLiveDecoder() {
        this(new EventDecoder());
    }

    public ManifestLiveDecoder(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** Builds the registry's lazy per-provider indexes here, so the callback thread only reads them. */
    @Override
    public void prepare() {
        for (UUID provider : decoder.registry().providers()) {
            decoder.registry().lookup(provider, 0, 0);
        }
    }

    @Override
    public boolean knows(UUID provider, int eventId, int version) {
        return decoder.registry().lookup(provider, eventId, version) != null;
    }

    @Override
    public void decode(LiveEventRecord r, TdhSchema tdh, Consumer<NetEvent> out) {
        NetEvent e = decoder.decode(fill(view, r));
        if (e == null) return; // a packet fragment: its packet comes with the last one
        if (tdh != null && e instanceof RawEvent raw) {
            Map<String, String> m = new LinkedHashMap<>(raw.header().raw());
            m.putAll(FallbackDecoder.toRaw(r, tdh).header().raw());
            String provider = tdh.providerName() != null && raw.provider().startsWith("{") ? tdh.providerName()
                    : raw.provider();
            EventHeader h = raw.header();
            EventHeader withFields = new EventHeader(h.timestamp(), h.source(), h.pid(), h.process(), h.user(),
                    h.ipProtocol(), h.local(), h.remote(), m, h.enrichment());
            e = new RawEvent(withFields, provider, raw.eventId(), raw.version(), raw.payloadHex());
        }
        out.accept(e);
    }

    /** Loads a copied live record into the decoder's view (live records carry FILETIME timestamps). */
    static EventRecordView fill(EventRecordView v, LiveEventRecord r) {
        v.provider(r.provider())
                .descriptor(r.eventId(), r.version(), r.channel(), r.level(), r.opcode(), r.task(), r.keyword())
                .flags(r.headerFlags(), r.eventProperty())
                .defaultPointerSize(8)
                .process(r.pid(), r.tid())
                .time(r.timestamp(), r.instant())
                .payload(r.payload(), 0, r.payload().length)
                .sourceOffset(-1)
                .clearExtendedItems();
        for (LiveEventRecord.ExtendedItem item : r.extendedItems()) {
            v.addExtendedItem(item.type(), item.data(), 0, item.data().length);
        }
        return v;
    }
}
