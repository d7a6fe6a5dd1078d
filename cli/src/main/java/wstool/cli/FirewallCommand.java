package wstool.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.core.pipeline.EventSource;
import wstool.linux.nflog.NflogOptions;
import wstool.linux.nflog.NflogSource;
import wstool.linux.nflog.NftRuleInstaller;
import wstool.linux.sys.NetNamespace;
import wstool.wfp.OptionsJournal;
import wstool.wfp.WfpImportSource;
import wstool.wfp.WfpLiveSource;
import wstool.wfp.fwpu.Fwpuclnt;

/**
 * What the Windows firewall (WFP) dropped or allowed: live net events, the kernel's recent-event buffer
 * ({@code --recent}), or a {@code netsh wfp} XML file on any OS ({@code --import}). On Linux: packets that
 * nftables/iptables rules log to an NFLOG group ({@code --nflog-group}, {@code --install-rule}, {@code --match}).
 */
@Command(name = "firewall", mixinStandardHelpOptions = true,
        description = {"Windows Filtering Platform verdicts (drops, allows, IPsec/IKE failures) with filter, layer, "
                + "program and user names.",
                "Live capture needs Windows and an elevated prompt; --import reads 'netsh wfp show netevents' "
                        + "(netevents.xml) or 'netsh wfp capture' (wfpdiag.xml) output on any OS.",
                "Linux: packets logged to an NFLOG group (nft 'log group N', iptables '-j NFLOG'); needs root or"
                        + " CAP_NET_ADMIN."})
public final class FirewallCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--recent", description = "Show the kernel's buffer of recent net events, then exit.")
    boolean recent;

    @Option(names = "--import", paramLabel = "FILE",
            description = "Read net events from netsh wfp XML (netevents.xml or wfpdiag.xml) instead of this machine.")
    Path importFile;

    @Option(names = "--all", description = "Also collect allowed connections, inbound multicast/broadcast and "
            + "port-scanning drops (turned back off on exit if they were off).")
    boolean all;

    @Option(names = "--restore-options", description = "Write back the WFP engine options a firewall run changed and"
            + " could not restore (it was killed), as recorded in the data dir, then exit.")
    boolean restoreOptions;

    @Option(names = "--nflog-group", paramLabel = "N", defaultValue = "100",
            description = "Linux: NFLOG group to listen on, 0-65535 (default: ${DEFAULT-VALUE}).")
    int group;

    @Option(names = "--install-rule",
            description = "Linux: add log-only rules in a table of this instance's own (inet ws_tool_<pid>) that report what"
                    + " the existing ruleset drops; removed on exit (a table of a killed instance at the next start).")
    boolean installRule;

    @Option(names = "--match", paramLabel = "EXPR",
            description = "Linux, with --install-rule: log only packets matching this nft expression (e.g. 'tcp dport 22'),"
                    + " allowed or dropped.")
    String match;

    @Option(names = "--netns", paramLabel = "NAME",
            description = "Linux: capture in the named network namespace (ip netns) instead of the current one.")
    String netns;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    PidFilter pids;

    /** Where a live run keeps the engine options as found while it has them changed. */
    static final String OPTIONS_RECORD = "wfp-options.properties";

    @Override
    public void execute() throws Exception {
        if (restoreOptions) {
            restoreOptions();
        } else if (importFile == null && !DataDirs.isWindows()) {
            linux();
        } else {
            if (installRule || match != null || netns != null) {
                throw new UsageException("--install-rule, --match and --netns are for the Linux NFLOG backend");
            }
            if (importFile != null && (recent || all)) {
                throw new UsageException("--recent and --all are for this machine's firewall, not with --import");
            }
            EventJob job = new EventJob(app, spec.commandLine(), output, pids.applyTo(filters));
            if (importFile != null) job.input(importFile, Inputs.Kind.WFP_XML);
            job.source(source(job.notices())).run();
        }
    }

    /** Linux: NFLOG group, optionally with ws_tool's own logging rules (removed on every exit path). */
    private void linux() throws Exception {
        if (recent || all) throw new UsageException("--recent and --all are for the Windows firewall; here ws_tool reads NFLOG"
                + " (or a Windows capture with --import FILE)");
        if (match != null && !installRule) throw new UsageException("--match needs --install-rule");
        NflogOptions opts;
        NftRuleInstaller rules = null;
        opts = Usage.option("--nflog-group", () -> NflogOptions.defaults(group));
        if (netns != null) opts = opts.withNetns(Usage.option("--netns", () -> NetNamespace.named(netns)));
        if (installRule) {
            List<String> nft = netns == null ? List.of("nft") : List.of("ip", "netns", "exec", netns, "nft");
            rules = Usage.option("--match", () -> new NftRuleInstaller(nft, group, match));
        }
        // the records of ws_tool's own table (installed, or the hint's by hand) are paired into verdicts; records of
        // other rules pass through unchanged
        NflogSource source = new NflogSource(opts).correlateInstalledRules(rules != null && rules.reportsAllowed());
        EventJob job = new EventJob(app, spec.commandLine(), output, pids.applyTo(filters));
        announceWhenListening(source, rules == null ? NftRuleInstaller.suggestion(group) : null, job.notices());
        try (NftRuleInstaller installed = rules) {
            if (installed != null) {
                List<String> removed;
                try {
                    removed = installed.install();
                } catch (NftRuleInstaller.NotPermitted e) {
                    throw new java.io.IOException("--install-rule needs root or CAP_NET_ADMIN: " + e.getMessage(), e);
                }
                for (String stale : removed) {
                    job.notices().notice("removed table inet " + stale + " left by a ws_tool instance that is gone");
                }
            }
            job.source(source).run();
        }
    }

    /**
     * One notice once the group is bound (stderr, or the view's status line), so people and scripts know from when
     * packets are captured; then the no-rule hint, if any: only once everything that can fail has succeeded.
     */
    private void announceWhenListening(NflogSource source, String hint, wstool.core.pipeline.Notices notices) {
        Thread t = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (!source.ready() && System.nanoTime() < until) Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            if (source.ready()) {
                notices.notice("listening on NFLOG group " + group + (netns != null ? " in network namespace " + netns : ""));
                if (hint != null) notices.block(hint);
            }
        }, "ws_tool-nflog-ready");
        t.setDaemon(true);
        t.start();
    }

    private EventSource source(wstool.core.pipeline.Notices notices) {
        if (importFile != null) {
            return new WfpImportSource(importFile);
        }
        if (!DataDirs.isWindows()) {
            throw new UsageException("live firewall events need Windows; here, read a capture from a Windows machine with"
                    + " --import FILE (netsh wfp show netevents / netsh wfp capture), or watch this machine's firewall with"
                    + " the Linux backend");
        }
        return WfpLiveSource.windows(all, recent)
                .journal(new OptionsJournal(app.global().dataDir().resolve(OPTIONS_RECORD)),
                        pid -> ProcessHandle.of(pid).isPresent())
                .status(notices);
    }

    /** --restore-options: Windows only, nothing else on the line. */
    private void restoreOptions() throws Exception {
        if (importFile != null || recent || all || installRule || match != null || netns != null) {
            throw new UsageException("--restore-options takes no other firewall option");
        }
        if (!DataDirs.isWindows()) {
            throw new UsageException("--restore-options writes back Windows Filtering Platform options; it needs Windows");
        }
        OptionsJournal journal = new OptionsJournal(app.global().dataDir().resolve(OPTIONS_RECORD));
        spec.commandLine().getOut().println(WfpLiveSource.restoreRecorded(Fwpuclnt.load().api(), journal));
    }
}
