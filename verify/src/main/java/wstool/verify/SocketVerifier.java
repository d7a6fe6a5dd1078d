package wstool.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.pipeline.EventSink;

/**
 * Application Verifier's networking checks, from the outside: a {@link SocketTracker} follows every socket of every
 * process through the event stream and tells one {@link SocketCheck} per finding code ({@link Check}) what happens;
 * the checks' findings, within the limits {@link Findings} applies, make the report. It is an {@link EventSink}, so it
 * runs on any source the pipeline has (live ETW, .etl files, replay, the Linux trace backend) on the events that pass
 * the filters. Leaks are reported when the source signals the process's exit ({@link ProcessExit}) or, weaker, when
 * the trace ends ({@link #close()}).
 * <p>
 * Threading: {@link #accept} is called by the pipeline's consumer thread; {@link #snapshot()} and {@link #report()}
 * may be called from any thread (one lock; uncontended on the hot path).
 */
public final class SocketVerifier implements EventSink {
    private final Object lock = new Object();
    private final Counters counters = new Counters();
    private final Coverage coverage = new Coverage();
    private final Findings findings;
    private final Map<Check, SocketCheck> checks = new EnumMap<>(Check.class);
    private final SocketTracker tracker;
    private final List<String> notes = new ArrayList<>();
    private VerifyReport finalReport;
    private volatile boolean live;

    public SocketVerifier() { this(VerifierLimits.DEFAULT); }

    public SocketVerifier(VerifierLimits limits) {
        Objects.requireNonNull(limits);
        findings = new Findings(limits, counters);
        for (SocketCheck c : List.of(new LeakedSocketCheck(findings, coverage), new UseAfterCloseCheck(findings),
                new UnknownEndpointCheck(findings), new FailedOperationsCheck(findings, counters),
                new OverlongCompletionCheck(findings), new CompletionWithoutStartCheck(findings),
                new HungCallCheck(findings, coverage, limits.hungAfter()), new DropListedPeerCheck(findings),
                new ListenAllInterfacesCheck(findings))) {
            checks.put(c.code(), c);
        }
        if (checks.size() != Check.values().length) throw new IllegalStateException("a check is missing: " + checks.keySet());
        tracker = new SocketTracker(limits, counters, coverage, List.copyOf(checks.values()));
    }

    /**
     * For live sources: the trace ends when {@link #close()} is called (wall clock), not at the last event, so a
     * socket opened just before a quiet minute and a call pending since then are judged by the real end.
     */
    public SocketVerifier live(boolean isLive) {
        this.live = isLive;
        return this;
    }

    /**
     * Tells whether a DROP list is loaded (Spamhaus DROP/ASN-DROP, or IPFire's DROP flag): without one, WS008 is
     * reported as not run even when other enrichment (country, ASN) is present. Not calling this leaves WS008 to
     * judge from the events alone.
     */
    public SocketVerifier dropListLoaded(boolean loaded) {
        synchronized (lock) {
            coverage.dropList = loaded;
        }
        return this;
    }

    @Override
    public void accept(NetEvent e) {
        synchronized (lock) {
            if (finalReport != null) return;
            tracker.observe(e);
        }
    }

    @Override
    public void flush() { }

    /** The trace has ended: sockets still open are reported as leaks (warning), pending calls as hung. */
    @Override
    public void close() {
        synchronized (lock) {
            if (finalReport == null) finalReport = finish();
        }
    }

    /** Adds a line to the report's notes (e.g. "1,234 events were lost: findings may be artefacts"). */
    public void note(String text) {
        synchronized (lock) {
            notes.add(text);
            if (finalReport != null) {
                finalReport = new VerifyReport(finalReport.traceStart(), finalReport.traceEnd(), finalReport.findings(),
                        finalReport.checks(), finalReport.stats(), List.copyOf(notes));
            }
        }
    }

    /** The final report; ends the trace first if {@link #close()} has not been called yet. */
    public VerifyReport report() {
        close();
        synchronized (lock) {
            return finalReport;
        }
    }

    /** The findings so far, immutable; safe from any thread (for live views). */
    public VerifySnapshot snapshot() {
        synchronized (lock) {
            List<Finding> list = finalReport != null ? finalReport.findings() : buildFindings();
            long err = 0, warn = 0, info = 0;
            for (Finding f : list) {
                if (f.severity() == Severity.ERROR) err++;
                else if (f.severity() == Severity.WARNING) warn++;
                else info++;
            }
            return new VerifySnapshot(list, tracker.events(), err, warn, info, finalReport != null);
        }
    }

    private VerifyReport finish() {
        Instant last = tracker.lastEvent();
        Instant end = last == null ? Instant.EPOCH : last;
        if (live && last != null && Instant.now().isAfter(end)) end = Instant.now();
        tracker.end(end);
        return new VerifyReport(tracker.firstEvent(), last == null ? null : end, buildFindings(), coverage.statuses(),
                counters.snapshot(tracker.events(), coverage.socketEvents), List.copyOf(notes));
    }

    private List<Finding> buildFindings() {
        return findings.build(c -> checks.get(c).reported(coverage));
    }
}
