package wstool.etw.etl;

import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.core.packet.PacketPaths;
import wstool.core.packet.PacketProcesses;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

/**
 * Offline source: the events of a .etl file in timestamp order (per-CPU buffers merged, as ProcessTrace does), decoded
 * and attributed ({@link EventDecoder}).
 * Providers outside {@code providers} are skipped before decoding. PID / exe / other filters are the pipeline's.
 * Process names come from the kernel logger's Process records when the capture has them (xperf / WPR / netsh
 * trace captures with the kernel provider); otherwise events carry only PIDs. A kernel Process/End record (a process
 * exited; not the rundown's DCEnd) becomes a {@link ProcessExit} (source ETW_OTHER, exit code = the record's
 * ExitStatus), emitted after every decoded event dated before or at the exit, so it follows the process's last
 * socket event (the socket verifier then reports the sockets it never closed as leaks at that moment).
 * pktmon packets are merged per packet across components ({@link PacketPaths}) and given the process of the socket
 * with their 5-tuple when the capture has socket events too ({@link PacketProcesses}).
 * After {@link #run} the {@link #summary()} tells what the file held.
 */
public final class EtlEventSource implements EventSource {
    /** Receives (bytes read, file size) now and then. */
    @FunctionalInterface
    public interface Progress { void update(long position, long size); }

    private final Path file;
    private final Set<UUID> providers;
    private final Progress progress;
    private final EtlSummary summary = new EtlSummary();
    private volatile boolean stopped;
    private boolean allComponents;

    /** @param providers provider GUIDs to decode; empty = all */
    public EtlEventSource(Path file, Set<UUID> providers, Progress progress) {
        this.file = file;
        this.providers = Set.copyOf(providers);
        this.progress = progress;
    }

    @Override public String name() { return "ETL " + file.getFileName(); }
    @Override public boolean live() { return false; }

    /** ETW captures hold socket, DNS, packet and process events, never firewall verdicts. */
    @Override public boolean mayEmitVerdicts() { return false; }
    /** A file read as fast as it decodes: its events may be handed over in batches. */
    @Override public boolean unpaced() { return true; }
    @Override public void stop() { stopped = true; }

    public EtlSummary summary() { return summary; }

    /**
     * Every appearance of a pktmon packet as its own event (one per component it crossed) instead of one packet with
     * its path ({@link PacketPaths}).
     */
    public EtlEventSource allComponents(boolean all) {
        this.allComponents = all;
        return this;
    }

    /** Events the logging session itself lost (TRACE_LOGFILE_HEADER.EventsLost), known once {@link #run} began. */
    @Override
    public long lostAtSource() {
        LogfileHeader h = summary.header();
        return h == null ? 0 : Integer.toUnsignedLong(h.eventsLost());
    }

    @Override
    public void run(Emitter sink) throws Exception {
        PacketPaths paths = allComponents ? null : new PacketPaths(sink);
        Emitter emitter = new PacketProcesses(paths != null ? paths : sink); // before merging: each appearance in its moment
        EventDecoder decoder = new EventDecoder();
        boolean pktmonNamed = false;
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        java.util.PriorityQueue<RawEvent> exits = new java.util.PriorityQueue<>(
                java.util.Comparator.comparing((RawEvent x) -> x.header().timestamp()));
        try (EtlReader r = open(file)) {
            r.onProcess((pid, image, ended) -> names.put(pid, image)); // kept after the end: events may trail it
            r.onProcessEnd((pid, image, status, time) -> exits.add(ProcessExit.of(time, Source.ETW_OTHER, pid,
                    image != null ? image : names.get(pid), status)));
            summary.header(r.header());
            long n = 0;
            try {
                EventRecordView v;
                boolean wanted = true;
                while (!stopped && (v = r.next()) != null) {
                    if (!providers.isEmpty() && !providers.contains(v.providerId())) {
                        summary.countFilteredOut();
                        continue;
                    }
                    if (!pktmonNamed && v.providerIs(EventDecoder.PKTMON)) {
                        pktmonNamed = true;
                        PktMonScan.components(file, decoder.pktmonComponents());
                    }
                    NetEvent e = decoder.decode(v);
                    if (e == null) { // a packet fragment waiting for the rest of its packet
                        summary.countRecord(decoder.registry().providerName(v.providerId()), v);
                        continue;
                    }
                    long pid = e.header().pid();
                    if (pid >= 0 && e.header().process() == null) {
                        String image = names.get(pid);
                        if (image != null) e = e.withHeader(e.header().withProcess(pid, image));
                    }
                    summary.countRecord(decoder.registry().providerName(v.providerId()), v);
                    summary.countDecoded(e);
                    if (!emitExitsBefore(exits, e.header().timestamp(), emitter) || !emitter.emit(e)) {
                        wanted = false;
                        break;
                    }
                    if (progress != null && (++n & 0xFFF) == 0) progress.update(r.position(), r.fileSize());
                }
                if (wanted && !stopped && emitExitsBefore(exits, null, emitter) && paths != null) paths.flush();
                summary.finish(r.stats());
                EtlFormatException damage = summary.damageReport(file);
                if (damage != null) throw damage; // after every intact event was emitted
            } finally {
                summary.processNames(names.size());
                summary.finish(r.stats());
                if (progress != null) progress.update(r.position(), r.fileSize());
            }
        }
    }

    /** The capture in time order; a file that is not one is named in the error, in the words of the input check. */
    private static EtlReader open(Path file) throws IOException {
        try {
            return EtlReader.openTimeOrdered(file);
        } catch (EtlFormatException e) {
            String problem = e.getMessage().replaceFirst(" at byte offset \\d+$", "");
            throw new EtlFormatException(e.offset(), file + " is not an ETW capture (.etl): " + problem);
        }
    }

    /** Emits the queued exits dated before {@code t} (all when null); false when the emitter wants no more. */
    private static boolean emitExitsBefore(java.util.PriorityQueue<RawEvent> exits, java.time.Instant t, Emitter emitter) {
        while (!exits.isEmpty() && (t == null || exits.peek().header().timestamp().isBefore(t))) {
            if (!emitter.emit(exits.poll())) return false;
        }
        return true;
    }
}
