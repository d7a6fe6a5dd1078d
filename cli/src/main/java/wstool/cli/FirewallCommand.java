package wstool.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.linux.nflog.NflogOptions;
import wstool.linux.nflog.NflogSource;
import wstool.linux.nflog.NftRuleInstaller;
import wstool.linux.sys.NetNamespace;

/** Live firewall verdicts. Linux: nftables/iptables NFLOG (module linux). */
@Command(name = "firewall", mixinStandardHelpOptions = true,
        description = {"Live firewall verdicts: what the firewall drops or allows, with the remote address enriched.",
                "Linux: packets logged to an NFLOG group (nft 'log group N', iptables '-j NFLOG'); needs root or CAP_NET_ADMIN."})
public final class FirewallCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--nflog-group", paramLabel = "N", defaultValue = "100",
            description = "Linux: NFLOG group to listen on, 0-65535 (default: ${DEFAULT-VALUE}).")
    int group;

    @Option(names = "--install-rule",
            description = "Linux: add logging rules in a table of ws_tool's own (inet ws_tool), removed on exit.")
    boolean installRule;

    @Option(names = "--match", paramLabel = "EXPR",
            description = "Linux, with --install-rule: log only packets matching this nft expression (e.g. 'tcp dport 22'), allowed or dropped.")
    String match;

    @Option(names = "--netns", paramLabel = "NAME",
            description = "Linux: capture in the named network namespace (ip netns) instead of the current one.")
    String netns;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        if (DataDirs.isWindows()) throw new UsageException("the Windows firewall source is not part of this build yet");
        if (match != null && !installRule) throw new UsageException("--match needs --install-rule");
        NflogOptions opts;
        NftRuleInstaller rules = null;
        try {
            opts = NflogOptions.defaults(group);
            if (netns != null) opts = opts.withNetns(NetNamespace.named(netns));
            if (installRule) {
                List<String> nft = netns == null ? List.of("nft") : List.of("ip", "netns", "exec", netns, "nft");
                rules = new NftRuleInstaller(nft, group, match);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        NflogSource source = new NflogSource(opts);
        if (rules == null) {
            spec.commandLine().getErr().println(NftRuleInstaller.suggestion(group, null));
        } else {
            source.correlateInstalledRules(rules.reportsAllowed());
        }
        announceWhenListening(source);
        try (NftRuleInstaller installed = rules) {
            if (installed != null) installed.install();
            return new EventJob(app, spec.commandLine(), output, filters)
                    .source(source)
                    .enricher(app.enricher())
                    .run();
        }
    }

    /** One line on stderr once the group is bound, so people and scripts know from when packets are captured. */
    private void announceWhenListening(NflogSource source) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        Thread t = new Thread(() -> {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            try {
                while (!source.ready() && System.nanoTime() < until) Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            if (source.ready()) {
                err.println("ws_tool: listening on NFLOG group " + group + (netns != null ? " in network namespace " + netns : ""));
                err.flush();
            }
        }, "ws_tool-nflog-ready");
        t.setDaemon(true);
        t.start();
    }
}
