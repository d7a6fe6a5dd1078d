package wstool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.TimeOrderedMerge;
import wstool.core.replay.ReplaySource;
import wstool.etw.etl.EtlEventSource;
import wstool.wfp.WfpImportSource;

/**
 * {@code monitor}: the firewall and the socket trace as one job, correlated: verdicts get the process of their
 * socket event, remote addresses the name that was looked up, and connections become flows ({@code --flows}).
 * Offline: any mix of {@code --etl}, {@code --import} and {@code --replay} inputs, merged in time order. Live: the
 * firewall and trace sources of this OS ({@link MonitorLive}).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Firewall verdicts and socket calls as one story per connection: the process behind every"
                + " verdict, the hostname that was looked up, flows with bytes each way, outcome and Community ID.",
                "Offline (any OS): any mix of --etl FILE, --import FILE (netsh wfp XML) and --replay FILE, merged in"
                        + " time order; --wfp-state FILE names the filters.",
                "Live: Windows: WFP net events and an ETW session; Linux: NFLOG and the bpftrace trace (root);"
                        + " --pid / --exe / --all as for trace."})
public final class MonitorCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Option(names = "--etl", paramLabel = "FILE", description = "An ETW capture (.etl); repeatable.")
    List<Path> etl = new ArrayList<>();

    @Option(names = "--import", paramLabel = "FILE",
            description = "netsh wfp XML: netevents.xml ('show netevents') or wfpdiag.xml ('capture'); repeatable.")
    List<Path> imports = new ArrayList<>();

    @Option(names = "--replay", paramLabel = "FILE", description = "A JSON Lines recording (from --jsonl); repeatable.")
    List<Path> replays = new ArrayList<>();

    @Option(names = "--wfp-state", paramLabel = "FILE",
            description = "netsh wfp show state / show filters XML (wfpstate.xml, filters.xml) of the machine the"
                    + " events are from: names the filter, provider, sublayer and firewall rule of each verdict;"
                    + " repeatable.")
    List<Path> wfpStates = new ArrayList<>();

    @Option(names = "--providers", paramLabel = "LIST", description = "ETW providers to read from --etl (as trace).")
    String providers;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
    TraceTargetOptions target;

    @Mixin
    MonitorLive live;

    @Mixin
    CorrelationOptions correlation;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public void execute() throws Exception {
        // every input and usage check before the --flows file is created; each input checked as trace --etl,
        // firewall --import and replay check theirs (present, a file, readable, of its kind), never an output
        EventJob plain = new EventJob(app, spec.commandLine(), output, filters);
        for (Path p : etl) plain.input(p, Inputs.Kind.ETL);
        for (Path p : imports) plain.input(p, Inputs.Kind.WFP_XML);
        for (Path p : replays) plain.input(p, Inputs.Kind.JSONL);
        for (Path p : wfpStates) plain.input(p, Inputs.Kind.WFP_XML);
        List<Path> inputs = new ArrayList<>();
        inputs.addAll(etl);
        inputs.addAll(imports);
        inputs.addAll(replays);
        PrintWriter err = spec.commandLine().getErr();
        List<EtlEventSource> etlSources = new ArrayList<>();
        if (!inputs.isEmpty()) {
            live.refuseLiveOptions(target);
            if (target != null) filters.onlyPids(target.pids); // offline, --pid filters (after the correlation)
            for (Path p : imports) wstool.wfp.NetshXmlKind.requireNetEvents(p); // a state dump says what it is
        } else if (providers != null) {
            throw new UsageException("--providers is for --etl inputs");
        }
        var describer = WfpStates.describer(wfpStates);
        Correlation correlated = Correlation.open(correlation, plain);
        EventJob job = correlated.into(plain, describer);
        List<EventSource> sources = new ArrayList<>();
        if (!inputs.isEmpty()) {
            for (Path p : etl) {
                EtlEventSource s = new EtlEventSource(p, EtlTrace.providerIds(providers == null ? List.of()
                        : List.of(providers.split(","))), TerminalProgress.forFile(p, err));
                etlSources.add(s);
                sources.add(s);
            }
            for (Path p : imports) sources.add(new WfpImportSource(p));
            for (Path p : replays) sources.add(new ReplaySource(p, 0));
        } else {
            sources.addAll(live.sources(app, target, job.notices()));
        }
        if (sources.size() > 1 && sources.stream().noneMatch(EventSource::live)) {
            job.source(new TimeOrderedMerge(sources));
        } else {
            sources.forEach(job::source);
        }
        boolean ran = true;
        try {
            live.run(job);
        } catch (UsageException e) {
            ran = false; // refused before the job started (an output it cannot write, --flows among them)
            throw e;
        } finally {
            if (ran) {
                correlated.summary(err);
                for (EtlEventSource s : etlSources) err.print(s.summary().render(true));
                err.flush();
            }
        }
    }
}
