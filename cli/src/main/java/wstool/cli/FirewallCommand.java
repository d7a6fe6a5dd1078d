package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import wstool.core.pipeline.EventSource;
import wstool.wfp.WfpImportSource;
import wstool.wfp.WfpLiveSource;

/**
 * What the Windows firewall (WFP) dropped or allowed: live net events, the kernel's recent-event buffer
 * ({@code --recent}), or a {@code netsh wfp} XML file on any OS ({@code --import}).
 */
@Command(name = "firewall", mixinStandardHelpOptions = true,
        description = {"Windows Filtering Platform verdicts (drops, allows, IPsec/IKE failures) with filter, layer, "
                + "program and user names.",
                "Live capture needs Windows and an elevated prompt; --import reads 'netsh wfp show netevents' "
                        + "(netevents.xml) or 'netsh wfp capture' (wfpdiag.xml) output on any OS."})
public final class FirewallCommand implements Callable<Integer> {
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

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Override
    public Integer call() throws Exception {
        return new EventJob(app, spec.commandLine(), output, filters)
                .source(source())
                .enricher(app.enricher())
                .run();
    }

    private EventSource source() throws NoSuchFileException {
        if (importFile != null) {
            if (recent || all) throw new UsageException("--recent and --all are for this machine's firewall, not with --import");
            if (!Files.isRegularFile(importFile)) throw new NoSuchFileException(importFile.toString());
            return new WfpImportSource(importFile);
        }
        if (!DataDirs.isWindows()) {
            throw new UsageException("live firewall events need Windows; here, read a capture from a Windows machine with"
                    + " --import FILE (netsh wfp show netevents / netsh wfp capture), or watch this machine's firewall with"
                    + " the Linux backend");
        }
        return WfpLiveSource.windows(all, recent);
    }
}
