package wstool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wstool.core.replay.ReplaySource;

/** Replays a JSON Lines recording (made with --jsonl) through the same filters, enrichment and outputs. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a JSON Lines recording (from --jsonl) through filters, enrichment and outputs.")
public final class ReplayCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .jsonl recording.")
    Path file;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0", converter = Converters.Speed.class,
            description = "1 = recorded pace, 2 = twice as fast, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    PidFilter pids;

    @Mixin
    VerifyOptions verify;

    @Override
    public void execute() throws Exception {
        new EventJob(app, spec.commandLine(), output, pids.applyTo(filters))
                .input(file, Inputs.Kind.JSONL)
                .source(new ReplaySource(file, speed))
                .verify(verify)
                .run();
    }
}
