package wstool.correlate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import wstool.core.model.DnsEvent;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.EventStage;

/**
 * The correlation as a pipeline stage: names remote addresses from the DNS answers seen ({@code hostname}), gives
 * firewall verdicts without a pid the process of their socket event ({@code pid_source=correlated}), and folds
 * everything into flows written to a {@link FlowOutput}. A verdict without a pid of its own is passed on once its
 * window has passed (the socket event may come after it); every other event at once.
 * <p>
 * Time is the events' own: the latest timestamp seen (plus the wall clock while a live source is idle).
 */
public final class Correlator implements EventStage {
    private final HostnameTable hostnames;
    private final VerdictMatcher verdicts;
    private final FlowTracker flows;
    private final FlowOutput output;
    private Instant now = Instant.MIN;
    /** False when no source of the job can emit a verdict: socket events are then not kept as candidates. */
    private boolean verdictsPossible = true;

    /** @param output where finished flows go; {@link FlowOutput#NONE} to correlate events only */
    public Correlator(CorrelationSettings settings, FlowOutput output) {
        this.hostnames = new HostnameTable(settings.dnsWindow(), settings.maxTableEntries());
        this.verdicts = new VerdictMatcher(settings.verdictWindow(), settings.maxTableEntries());
        this.output = output;
        this.flows = new FlowTracker(settings, this::write);
    }

    @Override
    public void accept(NetEvent e, Consumer<NetEvent> next) {
        if (e.header().timestamp().isAfter(now)) now = e.header().timestamp();
        flows.expire(now); // before the event opens a flow, so that idle ones go before the cap evicts one
        if (e instanceof DnsEvent d) hostnames.record(d);
        e = named(e);
        if (e instanceof SocketEvent s) {
            Flow flow = flows.onSocket(s);
            if (verdictsPossible) verdicts.remember(s, flow);
            next.accept(s);
        } else if (e instanceof FirewallEvent f) {
            boolean own = f.header().attributed();
            if (own) next.accept(f);
            VerdictMatcher.Released early = verdicts.hold(f, own);
            if (early != null) deliver(early, next);
        } else {
            next.accept(e);
        }
        advance(next);
    }

    @Override
    public void sources(List<EventSource> sources) {
        verdictsPossible = sources.stream().anyMatch(EventSource::mayEmitVerdicts);
    }

    @Override
    public void idle(Instant wallClock, Consumer<NetEvent> next) {
        if (wallClock.isAfter(now)) now = wallClock;
        advance(next);
    }

    @Override
    public void finish(Consumer<NetEvent> next) {
        for (VerdictMatcher.Released r : verdicts.releaseAll()) deliver(r, next);
        flows.finish();
        try {
            output.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** What the correlation did, for the job summary. */
    public CorrelationStats stats() {
        return new CorrelationStats(verdicts.matched(), verdicts.unmatched(), flows.written(), flows.open(),
                flows.evicted(), flows.lateVerdicts(), verdicts.forcedEarly(), hostnames.evicted());
    }

    private void advance(Consumer<NetEvent> next) {
        List<VerdictMatcher.Released> due = verdicts.release(now);
        for (VerdictMatcher.Released r : due) deliver(r, next);
        flows.expire(now);
    }

    private void deliver(VerdictMatcher.Released r, Consumer<NetEvent> next) {
        FirewallEvent f = r.verdict();
        VerdictMatcher.Candidate c = r.match();
        if (!r.alreadyEmitted()) {
            if (c != null) f = f.withHeader(f.header().withCorrelatedProcess(c.pid(), c.process(), c.user()));
            next.accept(f);
        }
        flows.onVerdict(f, c == null ? null : c.flow());
    }

    private NetEvent named(NetEvent e) {
        if (e.header().remote().address() == null || e.header().correlation().hostname() != null) return e;
        String name = hostnames.lookup(e.header());
        return name == null ? e : e.withHeader(e.header().withCorrelation(e.header().correlation().withHostname(name)));
    }

    private void write(Flow f) {
        try {
            output.write(f);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
