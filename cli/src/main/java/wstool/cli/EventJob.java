package wstool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import wstool.core.model.NetEvent;
import wstool.core.net.LocalHost;
import wstool.core.pipeline.AddressEnricher;
import wstool.core.pipeline.BackgroundSink;
import wstool.core.pipeline.EventSink;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Notices;
import wstool.core.pipeline.Pipeline;
import wstool.core.pipeline.PipelineSummary;
import wstool.core.sink.CsvSink;
import wstool.core.sink.FileExport;
import wstool.core.sink.JsonLinesSink;
import wstool.core.sink.PcapngSink;
import wstool.core.sink.Palette;
import wstool.core.sink.RowExport;
import wstool.core.sink.TextFormat;
import wstool.core.sink.TextSink;
import wstool.siem.ecs.EcsContext;
import wstool.siem.ecs.EcsSink;
import wstool.siem.syslog.SyslogForwarder;
import wstool.siem.syslog.SyslogUrl;
import wstool.siem.syslog.TlsTrust;
import javax.net.ssl.SSLContext;
import wstool.verify.ReportFiles;
import wstool.verify.ReportText;
import wstool.verify.SocketVerifier;
import wstool.verify.VerifyReport;
import wstool.tui.TerminalUi;
import wstool.tui.TuiColors;

/**
 * Runs one event command: sources -> filters -> enrichment -> CSV / JSON Lines / screen, with Ctrl-C handled so
 * that every sink is flushed and the summary printed. Every event command goes through here.
 */
public final class EventJob {
    private final WsTool app;
    private final OutputOptions output;
    private PcapngSink pcapng;
    private final FilterOptions filters;
    private final List<EventSource> sources = new ArrayList<>();
    private final List<Path> inputs = new ArrayList<>();
    private final List<Outputs.Named> extraOutputs = new ArrayList<>();
    private final List<FileExport> exports = new ArrayList<>();
    /** The files of rows the command writes besides the events ({@link #alsoExports}). */
    private final List<RowFile<?>> rowFiles = new ArrayList<>();
    /** The CSV, JSON Lines and ECS sinks (file or stdout) with their option. */
    private final Map<EventSink, String> textExports = new IdentityHashMap<>();
    private final AddressEnricher enricher;
    private final PrintWriter out;
    private final PrintWriter err;
    private SocketVerifier verifier;
    private Path verifyReport;
    private final List<String> dataSources;
    private volatile TerminalUi tui;
    private java.util.function.Supplier<String> status;
    private SyslogForwarder forwarder;
    private final Notices.Channel notices;
    private wstool.core.pipeline.EventStage stage = wstool.core.pipeline.EventStage.NONE;
    private java.util.function.Consumer<java.util.function.Consumer<wstool.tui.FlowRow>> flowView;

    /** @param cli the running subcommand: its out/err streams are where text and the summary go */
    public EventJob(WsTool app, CommandLine cli, OutputOptions output, FilterOptions filters) {
        this.app = app;
        this.output = output;
        this.filters = filters;
        this.out = cli.getOut();
        this.err = cli.getErr();
        this.notices = new Notices.Channel(Notices.stderr(err));
        this.enricher = app.enricher();
        this.dataSources = app.dataSources();
    }

    public EventJob source(EventSource s) { sources.add(s); return this; }

    /** The step between enrichment and the outputs (the correlation of {@code monitor}); none by default. */
    public EventJob stage(wstool.core.pipeline.EventStage s) { stage = s; return this; }

    /**
     * The job folds events into flows: when it opens the full-screen view, {@code view} is given where the flows
     * list takes finished flows (Tab shows it).
     */
    public EventJob flowView(java.util.function.Consumer<java.util.function.Consumer<wstool.tui.FlowRow>> view) {
        flowView = view;
        return this;
    }

    /**
     * A file the job reads: checked now (present, readable, of this kind), before any output is opened, and never
     * an output of the job.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public EventJob input(Path file, Inputs.Kind kind) throws IOException {
        inputs.add(Inputs.check(file, kind));
        return this;
    }

    /**
     * Where this job's sources report notices (readiness, losses): stderr, or the full-screen view's status line
     * while it is up. Sources and the commands that watch them use this, never the terminal directly.
     */
    public Notices notices() { return notices; }

    /**
     * With {@code --verify}/{@code --verify-report}: the socket verifier sees every event that passes the filters;
     * its report is printed (stderr, after the summary) and written at the end, and an error finding makes
     * {@link #run()} throw {@link ExitCodes.VerifyErrorsFound}. Without those options this does nothing.
     */
    public EventJob verify(VerifyOptions options) {
        if (options == null || !options.enabled()) return this;
        if (options.reportFile() != null) Usage.check("--verify-report", () -> ReportFiles.check(options.reportFile()));
        verifier = new SocketVerifier();
        verifyReport = options.reportFile();
        return this;
    }

    /** A status line for the full-screen view's header (mock's fault counts), polled about once a second; else unused. */
    public EventJob status(java.util.function.Supplier<String> line) { status = line; return this; }

    /** The running verifier (its {@code snapshot()} feeds a live findings view), or null without --verify. */
    public SocketVerifier verifier() { return verifier; }

    /** The full-screen view is used when stdout is a terminal, nothing else writes to stdout and --no-tui is absent. */
    boolean useTui() {
        return !output.noTui && !output.anyStdout() && WsTool.stdoutIsTerminal();
    }

    /**
     * Runs to the end. Returns normally when the job succeeded; else throws what ended it (after the summary):
     * the source's or an output's failure, the full-screen view's failure, or {@link ExitCodes.VerifyErrorsFound}.
     */
    public void run() throws Exception {
        wstool.core.filter.EventFilter filter = filter();
        checkOutputs();
        if (verifyReport != null) {
            Outputs.probe(List.of(new Outputs.Named("--verify-report", verifyReport),
                    new Outputs.Named("--verify-report", ReportFiles.markdownPath(verifyReport))));
        }
        Pipeline.Builder b = Pipeline.builder()
                .filter(filter)
                .enricher(enricher)
                .stage(stage)
                .maxEvents(output.maxEvents)
                .duration(output.duration);
        if (output.hostName != null) b.host(output.hostName, true);
        else if (sources.stream().anyMatch(EventSource::live)) b.host(LocalHost.name(), false);
        sources.forEach(b::source);
        for (EventSink s : openSinks()) {
            // a text export formats on a thread of its own: on two cores it is otherwise most of the consumer's work
            String option = textExports.get(s);
            b.sink(option == null ? s : new BackgroundSink(s, "output " + option));
        }
        if (verifier != null) {
            b.sink(verifier.live(sources.stream().anyMatch(EventSource::live)).dropListLoaded(dropListLoaded()));
        }
        Pipeline pipeline = b.build();
        if (tui != null) {
            SocketVerifier v = verifier;
            if (v != null) tui.findings(() -> VerifyFindings.view(v.snapshot()));
            if (flowView != null) flowView.accept(tui.flows(wstool.tui.FlowRing.DEFAULT_CAPACITY));
            if (status != null) tui.status(status);
            String name = String.join(", ", sources.stream().map(EventSource::name).toList());
            boolean live = sources.stream().anyMatch(EventSource::live);
            // a view that fails while the job runs fails the job: its exports end as after any failure
            tui.start(name, live, pipeline.stats(), pipeline::lostAtSource, pipeline::requestStop,
                    e -> pipeline.reportFailure(viewFailure(e)));
            notices.show(tui::notice);
        }

        CountDownLatch reported = new CountDownLatch(1);
        TerminalUi ui = tui;
        Thread hook = new Thread(() -> {
            pipeline.requestStop();
            if (ui != null) ui.quit();
            try {
                reported.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "ws_tool-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PipelineSummary summary = pipeline.run();
            Throwable viewFailure = closeTui(summary);
            if (summary.failure() instanceof ExitCodes.StdoutClosed closed) throw closed; // quietly: the reader is gone
            err.println(summary.render());
            for (FileExport e : exports) { // a file the job left alone must not pass for its export
                if (e.replaced()) continue;
                err.println(textExports.get(e) + " " + exported(e.file().target(), false, e.eventsWritten(), "events"));
            }
            if (!app.dataSet().checksDrop()) err.println("DROP: " + wstool.data.DataSet.DROP_NOT_CHECKED);
            if (forwarder != null) forwarder.summary().forEach(err::println);
            if (pcapng != null) err.println(pcapngSummary());
            boolean verifyErrors = verifier != null && finishVerification(summary);
            Throwable failure = summary.failed() ? summary.failure() : viewFailure;
            if (failure instanceof Exception e) throw e;
            if (failure instanceof Error e) throw e;
            if (verifyErrors) throw new ExitCodes.VerifyErrorsFound();
        } finally {
            closeTui(null);
            err.flush();
            reported.countDown();
            removeHook(hook);
        }
    }

    /** Whether the enrichment has DROP data: a Spamhaus list, or IPFire's location.db with its DROP flag. */
    private boolean dropListLoaded() {
        return app.dataSet().checksDrop();
    }

    /** Prints (and writes) the report; true when it has error findings. */
    private boolean finishVerification(PipelineSummary summary) throws IOException {
        if (summary.dropped() > 0 || summary.lostAtSource() > 0) {
            verifier.note(String.format("%,d events were dropped (queue full) and %,d lost at the source: findings such "
                    + "as WS003, WS006 and WS002 may come from the gaps", summary.dropped(), summary.lostAtSource()));
        }
        if (summary.filteredOut() > 0) {
            verifier.note(String.format("%,d event%s filtered out before the checks: only what the filters let "
                    + "through was verified", summary.filteredOut(), summary.filteredOut() == 1 ? " was" : "s were"));
        }
        if (summary.failed()) verifier.note("the trace ended early with an error: " + ExitCodes.describe(summary.failure()));
        VerifyReport report = verifier.report();
        err.print(new ReportText(app.global().zone()).render(report));
        if (verifyReport != null) {
            Path md = ReportFiles.write(report, verifyReport);
            err.println("verification report: " + verifyReport + " and " + md);
        }
        return report.hasErrors();
    }

    /**
     * After the pipeline ends the view stays (header: finished) until the user quits, unless the job failed.
     * Returns the view's own failure (the job then fails with it; when it failed while the pipeline ran, the
     * pipeline's summary carries it too), or null.
     */
    private Throwable closeTui(PipelineSummary summary) throws IOException {
        if (tui == null) return null;
        TerminalUi ui = tui;
        tui = null;
        notices.restore(); // what the sources say from now on goes to stderr again
        try {
            if (summary != null && !summary.failed()) {
                ui.finished();
                ui.awaitQuit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ui.close();
        }
        return ui.failure() == null ? null : viewFailure(ui.failure());
    }

    /** The job's error when its full-screen view failed. */
    private static IOException viewFailure(Throwable cause) {
        return new IOException("the full-screen view failed: " + ExitCodes.describe(cause), cause);
    }

    private wstool.core.filter.EventFilter filter() {
        return Usage.value(filters::toFilter);
    }

    /**
     * A file of rows the command writes besides the events (--flows), exported as the job's own files are: checked
     * now against the job's outputs and inputs; created with them when the job runs (a temporary file beside it),
     * moved into place when the job ends (also on Ctrl-C or an error, holding every complete row), left as it was
     * when the job fails before it starts or before a single row ({@link #exported} says which). The command writes
     * its rows to the returned writer, on the pipeline's thread, while the job runs.
     *
     * @param rows what the rows are, for the error of a failed write ("flows")
     * @throws UsageException when it is an input or another output
     */
    <T> RowExport.RowWriter<T> alsoExports(String option, Path path, String rows, RowExport.Format<T> format) {
        Outputs.Named output = new Outputs.Named(option, path);
        extraOutputs.add(output);
        checkOutputs();
        RowFile<T> file = new RowFile<>(output, rows, format);
        rowFiles.add(file);
        return file;
    }

    /**
     * For the summary: the file of an {@link #alsoExports} option (e.g. "--flows") once the job has ended, or that it
     * was left as it was.
     */
    String exported(String option) {
        for (RowFile<?> f : rowFiles) {
            if (f.output.option().equals(option)) {
                RowExport<?> e = f.export;
                return exported(f.output.path(), e != null && e.replaced(), e == null ? 0 : e.rowsWritten(), f.rows);
            }
        }
        throw new IllegalArgumentException(option + " is not an export of this job");
    }

    /** The file, and why it was left as it was when the job did not replace it (the job failed, or the file did). */
    private static String exported(Path file, boolean replaced, long rowsWritten, String rows) {
        if (replaced) return file.toString();
        return file + " left as it was: " + (rowsWritten == 0 ? "no " + rows + " were written to it" : "it could not be finished");
    }

    private void checkOutputs() {
        List<Path> read = new ArrayList<>(inputs);
        read.addAll(app.dataFiles());
        Outputs.checkDistinct(outputs(), read);
    }

    /** The outputs named on the command line, in option order, then those of {@link #alsoExports}. */
    private List<Outputs.Named> outputs() {
        List<Outputs.Named> l = new ArrayList<>();
        if (output.csv != null) l.add(new Outputs.Named("--csv", output.csv));
        if (output.jsonl != null) l.add(new Outputs.Named("--jsonl", output.jsonl));
        if (output.ecs != null) l.add(new Outputs.Named("--ecs", output.ecs));
        if (output.pcapng != null) l.add(new Outputs.Named("--pcapng", output.pcapng));
        if (verifyReport != null) {
            l.add(new Outputs.Named("--verify-report", verifyReport));
            l.add(new Outputs.Named("--verify-report (Markdown)", ReportFiles.markdownPath(verifyReport)));
        }
        l.addAll(extraOutputs);
        return l;
    }

    private List<EventSink> openSinks() throws Exception {
        List<EventSink> sinks = new ArrayList<>();
        try {
            if (output.csv != null) sinks.add(export("--csv", output.csv, CsvSink::new));
            if (output.jsonl != null) sinks.add(export("--jsonl", output.jsonl, JsonLinesSink::new));
            if (output.ecs != null) {
                EcsContext ecs = ecsContext();
                sinks.add(export("--ecs", output.ecs, w -> new EcsSink(w, ecs)));
            }
            for (RowFile<?> f : rowFiles) f.open();
            if (output.pcapng != null) sinks.add(pcapng = new PcapngSink(binary(output.pcapng)));
            if (!output.syslog.isEmpty()) {
                forwarder = syslogForwarder();
                sinks.add(forwarder);
            }
            if (useTui()) {
                tui = TerminalUi.open(new TerminalUi.Options(output.buffer,
                        app.palette(true).enabled() ? TuiColors.palette(app.colors()) : Palette.NONE,
                        app.global().zone(), dataSources, Path.of("").toAbsolutePath(), app.dataSet().checksDrop()));
                sinks.add(tui.sink());
                if (forwarder != null) tui.forwardLost(forwarder::lost);
            } else if (!output.anyStdout()) {
                sinks.add(screenSink());
            }
        } catch (Exception e) {
            exports.forEach(FileExport::abandon); // nothing was written: the targets stay as they were
            rowFiles.forEach(RowFile::abandon);
            for (EventSink s : sinks) if (!(s instanceof FileExport)) s.close();
            throw e;
        }
        sinks.addAll(rowFiles); // flushed with the exports, and moved into place when the pipeline closes them
        return sinks;
    }

    /** A file export (temporary file, moved into place at the end) or stdout for '-'. */
    private EventSink export(String option, Path p, FileExport.Format format) throws IOException {
        EventSink sink;
        if (OutputOptions.isStdout(p)) {
            sink = format.open(StdoutWriter.of(out));
        } else {
            FileExport e = new FileExport(Outputs.open(new Outputs.Named(option, p)), format);
            exports.add(e);
            sink = e;
        }
        textExports.put(sink, option);
        return sink;
    }

    /**
     * A file of {@link #alsoExports}: its rows are written by the command (on the pipeline's thread), the job
     * only opens, flushes and closes it, as a sink of the pipeline that takes no events.
     */
    private static final class RowFile<T> implements RowExport.RowWriter<T>, EventSink {
        private final Outputs.Named output;
        private final String rows;
        private final RowExport.Format<T> format;
        private RowExport<T> export;

        RowFile(Outputs.Named output, String rows, RowExport.Format<T> format) {
            this.output = output;
            this.rows = rows;
            this.format = format;
        }

        void open() throws IOException { export = new RowExport<>(Outputs.open(output), rows, format); }

        void abandon() {
            if (export != null) export.abandon();
        }

        @Override
        public void write(T row) throws IOException {
            if (export == null) throw new IllegalStateException(output + " is written only while the job runs");
            export.write(row);
        }

        @Override public void accept(NetEvent e) { }

        @Override
        public void flush() throws IOException {
            if (export != null) export.flush();
        }

        @Override public void close() throws IOException { export.close(); }

        @Override public void closeAfterFailure() throws IOException { export.closeAfterFailure(); }
    }

    private SyslogForwarder syslogForwarder() throws IOException {
        List<SyslogUrl> urls = new ArrayList<>();
        SyslogForwarder.Format format;
        try {
            for (String u : output.syslog) urls.add(SyslogUrl.parse(u));
            format = SyslogForwarder.Format.valueOf(output.syslogFormat.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("syslog URL") ? e.getMessage()
                    : "--syslog-format must be ecs or cef, not '" + output.syslogFormat + "'");
        }
        SSLContext tls = TlsTrust.system();
        if (output.syslogCa != null) {
            if (urls.stream().noneMatch(u -> u.transport() == SyslogUrl.Transport.TLS)) {
                throw new UsageException("--syslog-ca " + output.syslogCa + " is only used with a tls:// --syslog URL");
            }
            tls = Usage.value(() -> TlsTrust.fromCaFile(output.syslogCa));
        }
        return new SyslogForwarder(urls, format, tls, app.global().dataDir().resolve("spool"), ecsContext());
    }

    /** Live: the events are this machine's. Otherwise this machine only observes a capture (ECS observer). */
    private EcsContext ecsContext() throws IOException {
        return sources.stream().anyMatch(EventSource::live)
                ? EcsContext.live(WsTool.version())
                : EcsContext.imported(WsTool.version(), LocalHost.name());
    }

    private EventSink screenSink() {
        Palette palette = app.palette(WsTool.stdoutIsTerminal());
        return new TextSink(StdoutWriter.of(out), new TextFormat(app.global().zone(), palette));
    }

    private String pcapngSummary() {
        String s = String.format("pcapng: %,d packets written to %s", pcapng.written(), output.pcapng);
        if (pcapng.withoutBytes() > 0) s += String.format(" (%,d packets had no bytes to write)", pcapng.withoutBytes());
        return pcapng.written() == 0 && pcapng.withoutBytes() == 0 ? s + ": the source had no captured packets" : s;
    }

    /**
     * The --pcapng file, checked with the other outputs (not an input, not another output, a place that takes
     * files). Binary, so not through the text exports' row-wise temporary file: written in place.
     */
    private OutputStream binary(Path p) throws IOException {
        if (OutputOptions.isStdout(p)) throw new UsageException("--pcapng needs a file name, not '-'");
        return new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(p), 1 << 16);
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
