package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
public final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .jsonl recording.")
    Path file;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "1 = recorded pace, 2 = twice as fast, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin
    OutputOptions output;

    @Mixin
    FilterOptions filters;

    @Mixin
    VerifyOptions verify;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        if (speed < 0) throw new UsageException("--speed must be 0 or more");
        return new EventJob(app, spec.commandLine(), output, filters)
                .source(new ReplaySource(file, speed))
                .verify(verify)
                .run();
    }
}
