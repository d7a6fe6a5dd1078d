package wstool.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wstool.etw.etl.EtlInfo;
import wstool.etw.etl.EtlSummary;

/** {@code etl-info FILE}: header facts and per-provider event counts of a .etl file, without decoding payloads. */
@Command(name = "etl-info", mixinStandardHelpOptions = true,
        description = "Header facts and per-provider event counts of an ETW capture (.etl), without decoding events.")
public final class EtlInfoCommand implements CliCommand {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .etl file.")
    Path file;

    @Override
    public void execute() throws Exception {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        EtlSummary s = EtlInfo.scan(file, TerminalProgress.forFile(file, spec.commandLine().getErr()));
        spec.commandLine().getOut().print(EtlInfo.renderHeader(file, s.header()));
        spec.commandLine().getOut().print(s.render(false));
        spec.commandLine().getOut().flush();
        if (s.damageReport(file) != null) throw s.damageReport(file);
    }
}
