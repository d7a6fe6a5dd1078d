package wstool.etw.decode;

import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;

/**
 * Microsoft-Windows-Kernel-Process: ProcessStart (1) and ProcessStop (2) name the process (ProcessID, ImageName as
 * logged: an NT path at start, the file name at stop); the decoder learns the name ({@link AttributionState}), so
 * events of that PID get it, and the event itself becomes a RawEvent of that process. Other events stay raw.
 * ProcessStop is not turned into a ProcessExit here: the .etl reader signals exits from the kernel logger's Process
 * records and the live source from this event itself, each once.
 */
final class KernelProcessDecoder implements ProviderDecoder {
    static final int PROCESS_START = 1, PROCESS_STOP = 2;

    private final RawFields raw;
    private final AttributionState state;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    KernelProcessDecoder(RawFields raw, AttributionState state) {
        this.raw = raw;
        this.state = state;
    }

    private record Layout(boolean names, Field pid, Field image) {
        Layout(EventSchema s) {
            this(s.id() == PROCESS_START || s.id() == PROCESS_STOP, Field.of(s, "ProcessID"), Field.of(s, "ImageName"));
        }
    }

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        RawEvent e = raw.raw(v, Source.ETW_KERNEL_PROCESS, f, f.problem());
        if (!l.names) return e;
        long pid = f.number(l.pid);
        String image = f.has(l.image) ? f.string(l.image) : null;
        if (f.schema().id() == PROCESS_START || state.image(pid) == null) state.learnImage(pid, image);
        String name = state.image(pid);
        EventHeader h = e.header();
        return e.withHeader(new EventHeader(h.timestamp(), h.source(), pid, name, null, -1, null, null, h.raw(), null));
    }
}
