package wstool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --verify} and {@code --verify-report FILE} for any event command: add it as a {@code @Mixin} and pass it
 * to {@link EventJob#verify(VerifyOptions)}.
 */
public final class VerifyOptions {
    @Option(names = "--verify",
            description = "Check every process's socket use like Application Verifier (leaks, use after close, failed "
                    + "calls, overlong completions, hung calls, DROP-listed peers, listeners on all interfaces); report at "
                    + "the end; exit status 3 when an error is found.")
    boolean verify;

    @Option(names = "--verify-report", paramLabel = "FILE",
            description = "Write the verification report as JSON to FILE and as Markdown next to it (FILE with its "
                    + "extension replaced by .md). Implies --verify.")
    Path report;

    public boolean enabled() { return verify || report != null; }

    public Path reportFile() { return report; }
}
