package wstool.cli;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import wstool.core.pipeline.AddressEnricher;
import wstool.core.pipeline.EventSink;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Pipeline;
import wstool.core.pipeline.PipelineSummary;
import wstool.core.sink.CsvSink;
import wstool.core.sink.JsonLinesSink;
import wstool.core.sink.Palette;
import wstool.core.sink.TextFormat;
import wstool.core.sink.TextSink;

/**
 * Runs one event command: sources -> filters -> enrichment -> CSV / JSON Lines / screen, with Ctrl-C handled so
 * that every sink is flushed and the summary printed. Every event command goes through here.
 */
public final class EventJob {
    private final WsTool app;
    private final OutputOptions output;
    private final FilterOptions filters;
    private final List<EventSource> sources = new ArrayList<>();
    private AddressEnricher enricher = AddressEnricher.NONE;
    private final PrintWriter out;
    private final PrintWriter err;

    /** @param cli the running subcommand: its out/err streams are where text and the summary go */
    public EventJob(WsTool app, CommandLine cli, OutputOptions output, FilterOptions filters) {
        this.app = app;
        this.output = output;
        this.filters = filters;
        this.out = cli.getOut();
        this.err = cli.getErr();
    }

    public EventJob source(EventSource s) { sources.add(s); return this; }

    public EventJob enricher(AddressEnricher e) { enricher = e; return this; }

    /** Runs to the end and returns the process exit code (0 ok, 1 failure). */
    public int run() throws IOException {
        Pipeline.Builder b = Pipeline.builder()
                .filter(filter())
                .enricher(enricher)
                .maxEvents(output.maxEvents)
                .duration(output.duration);
        sources.forEach(b::source);
        List<EventSink> sinks = openSinks();
        sinks.forEach(b::sink);
        Pipeline pipeline = b.build();

        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            pipeline.requestStop();
            try {
                reported.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "ws_tool-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PipelineSummary summary = pipeline.run();
            err.println(summary.render());
            if (summary.failed()) {
                err.println("ws_tool: error: " + WsTool.describe(summary.failure()));
                if (app.global().verbose()) summary.failure().printStackTrace(err);
                return 1;
            }
            return 0;
        } finally {
            err.flush();
            reported.countDown();
            removeHook(hook);
        }
    }

    private wstool.core.filter.EventFilter filter() {
        try {
            return filters.toFilter();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private List<EventSink> openSinks() throws IOException {
        List<EventSink> sinks = new ArrayList<>();
        try {
            if (output.csv != null) sinks.add(new CsvSink(writer(output.csv)));
            if (output.jsonl != null) sinks.add(new JsonLinesSink(writer(output.jsonl)));
            if (!output.anyStdout()) sinks.add(screenSink());
        } catch (IOException e) {
            for (EventSink s : sinks) s.close();
            throw e;
        }
        return sinks;
    }

    private EventSink screenSink() {
        Palette palette = app.palette(WsTool.stdoutIsTerminal());
        return new TextSink(nonClosing(out), new TextFormat(ZoneId.systemDefault(), palette));
    }

    private Writer writer(Path p) throws IOException {
        if (OutputOptions.isStdout(p)) return nonClosing(out);
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IOException("directory " + parent + " does not exist");
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }

    private static Writer nonClosing(PrintWriter stream) {
        return new FilterWriter(new BufferedWriter(stream, 1 << 16)) {
            @Override
            public void close() throws IOException { flush(); }
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook is running and ends once the summary is out
        }
    }

    /** The job's duration limit, for sources that need it (e.g. live sessions). */
    public Duration duration() { return output.duration; }
}
