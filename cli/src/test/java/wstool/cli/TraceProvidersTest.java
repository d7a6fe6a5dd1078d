package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.fixtures.Fixtures;

/** One --providers parser for live traces and .etl files: every provider name works in both where it can. */
class TraceProvidersTest {
    @TempDir
    Path dir;

    private long rows(String etl, String providers) throws Exception {
        Path csv = dir.resolve(providers.replaceAll("[^a-z]", "_") + ".csv");
        CliRun r = CliRun.of("trace", "--etl", Fixtures.path("etl/" + etl).toString(), "--all", "--providers", providers,
                "--csv", csv.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        // process exits (source ETW_OTHER, from the kernel's Process records) come whatever the providers
        List<String> lines = Files.readAllLines(csv);
        int source = List.of(lines.get(0).split(",")).indexOf("source");
        return lines.stream().skip(1).filter(l -> !l.split(",")[source].equals("ETW_OTHER")).count();
    }

    @Test
    void fullProviderNamesAndShortNamesSelectTheSameEventsOfACapture() throws Exception {
        // refused with --etl before: only the short names were known there
        assertEquals(8923, rows("KernelNetwork.etl", "Microsoft-Windows-Kernel-Network"));
        assertEquals(8923, rows("KernelNetwork.etl", "kernel-network"));
        assertEquals(0, rows("KernelNetwork.etl", "dns-client"));
        assertEquals(490, rows("net.4.5.2.x64.etl", "tcpip-classic"));
        assertEquals(526, rows("net.4.5.2.x64.etl", "tcpip-classic,udpip-classic"));
        assertEquals(4, rows("net.4.5.2.x64.etl", "dns-client"));
        assertEquals(4, rows("net.4.5.2.x64.etl", "Microsoft-Windows-DNS-Client"));
    }

    @Test
    void kernelLoggerProvidersAreRefusedLiveAndUnknownNamesEverywhere() {
        UsageException live = assertThrows(UsageException.class,
                () -> EtwLiveTrace.source(wstool.core.filter.TraceTarget.all(), "afd,tcpip-classic", wstool.etw.live.SessionBuffers.DEFAULT, l -> { }));
        assertTrue(live.getMessage().contains("NT Kernel Logger") && live.getMessage().contains("--etl"), live.getMessage());
        UsageException unknown = assertThrows(UsageException.class,
                () -> EtwLiveTrace.source(wstool.core.filter.TraceTarget.all(), "smtp", wstool.etw.live.SessionBuffers.DEFAULT, l -> { }));
        UsageException unknownEtl = assertThrows(UsageException.class, () -> EtlTrace.providerIds(List.of("smtp")));
        assertEquals(unknown.getMessage(), unknownEtl.getMessage(), "one parser, one message");
    }
}
