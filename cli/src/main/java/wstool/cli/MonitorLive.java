package wstool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;
import wstool.core.pipeline.EventSource;
import wstool.linux.nflog.NflogOptions;
import wstool.linux.nflog.NflogSource;
import wstool.linux.nflog.NftRuleInstaller;
import wstool.linux.sys.NetNamespace;
import wstool.linux.trace.LinuxTraceSource;
import wstool.wfp.OptionsJournal;
import wstool.wfp.WfpLiveSource;

/**
 * The live half of {@code monitor}: which processes the socket trace follows and where the firewall verdicts come
 * from. Windows: WFP net events (allowed ones too, as {@code firewall --all}) and the ETW session of
 * {@code trace}. Linux: an NFLOG group and the bpftrace trace.
 */
public final class MonitorLive {
    @Option(names = "--nflog-group", paramLabel = "N", defaultValue = "100",
            description = "Linux: NFLOG group the firewall logs to, 0-65535 (default: ${DEFAULT-VALUE}).")
    int group;

    @Option(names = "--install-rule", description = "Linux: add ws_tool's own log-only rules for what the ruleset drops"
            + " (as firewall --install-rule); removed on exit.")
    boolean installRule;

    @Option(names = "--netns", paramLabel = "NAME",
            description = "Linux: read NFLOG in this network namespace (ip netns); the trace sees every namespace.")
    String netns;

    private NftRuleInstaller rules;

    /** Inputs are files: the live options have nothing to do. */
    void refuseLiveOptions(TraceTargetOptions target) {
        if ((target != null && !target.optionName().equals("--pid")) || installRule || netns != null) {
            throw new UsageException("--exe, --all, --install-rule and --netns are for a live monitor, not with --etl,"
                    + " --import or --replay (filter a capture with --program or --pid)");
        }
    }

    List<EventSource> sources(WsTool app, TraceTargetOptions chosen, wstool.core.pipeline.Notices status) {
        if (chosen == null) throw new UsageException("a live monitor needs --pid N, --exe NAME or --all");
        wstool.core.filter.TraceTarget wanted = chosen.target();
        List<EventSource> sources = new ArrayList<>();
        if (DataDirs.isWindows()) {
            if (installRule || netns != null) throw new UsageException("--install-rule and --netns are for the Linux backend");
            sources.add(EtwLiveTrace.source(wanted, null, wstool.etw.live.SessionBuffers.DEFAULT, status));
            sources.add(WfpLiveSource.windows(true, false)
                    .journal(new OptionsJournal(app.global().dataDir().resolve(FirewallCommand.OPTIONS_RECORD)),
                            pid -> ProcessHandle.of(pid).isPresent())
                    .status(status));
            return sources;
        }
        NflogOptions opts;
        LinuxTraceSource trace;
        try {
            trace = new LinuxTraceSource(wanted);
            if (wanted.kind() == wstool.core.filter.TraceTarget.Kind.PIDS) trace.requireRunning();
            opts = NflogOptions.defaults(group);
            if (netns != null) opts = opts.withNetns(NetNamespace.named(netns));
            if (installRule) {
                List<String> nft = netns == null ? List.of("nft") : List.of("ip", "netns", "exec", netns, "nft");
                rules = new NftRuleInstaller(nft, group, null);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        wstool.core.filter.TraceTarget target = wanted;
        NflogSource nflog = new NflogSource(opts).correlateInstalledRules(false);
        sources.add(nflog);
        // --pid: the job ends when the traced processes have (as trace does), the firewall a moment later, so that the
        // verdicts of their last packets are still read
        sources.add(target.pids().isEmpty() ? trace : new EndsOthers(trace, nflog));
        String groupText = "NFLOG group " + group + (netns != null ? " in network namespace " + netns : "");
        announce(status, () -> nflog.ready() && trace.ready(), "monitoring " + groupText + " and the socket calls of "
                + target);
        return sources;
    }

    /** Runs the job, with ws_tool's own nft rules in place for its length when --install-rule asked for them. */
    void run(EventJob job) throws Exception {
        if (rules == null) {
            job.run();
            return;
        }
        try (NftRuleInstaller installed = rules) {
            installed.install();
            job.run();
        }
    }

    /** A source that stops another one a second after it has ended itself. */
    private static final class EndsOthers implements EventSource {
        static final long GRACE_MILLIS = 1000;
        private final EventSource source;
        private final EventSource other;

        EndsOthers(EventSource source, EventSource other) {
            this.source = source;
            this.other = other;
        }

        @Override public String name() { return source.name(); }
        @Override public boolean live() { return source.live(); }
        @Override public void stop() { source.stop(); }
        @Override public long lostAtSource() { return source.lostAtSource(); }

        @Override
        public void run(wstool.core.pipeline.Emitter emitter) throws Exception {
            try {
                source.run(emitter);
            } finally {
                Thread.sleep(GRACE_MILLIS);
                other.stop();
            }
        }
    }

    /** One line once every live source is ready: from then on, verdicts and calls are seen. */
    private static void announce(wstool.core.pipeline.Notices status, BooleanSupplier ready, String line) {
        Thread t = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try {
                while (!ready.getAsBoolean() && System.nanoTime() < until) Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            if (ready.getAsBoolean()) status.notice(line);
        }, "ws_tool-monitor-ready");
        t.setDaemon(true);
        t.start();
    }
}
