package wstool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;
import wstool.core.pipeline.EventStage;
import wstool.correlate.Correlator;
import wstool.correlate.Flow;
import wstool.correlate.FlowOutput;
import wstool.tui.FlowRow;

/**
 * A job's correlation (hostnames, processes of verdicts, flows), built in this one place for every command that
 * has it: the {@code --flows} file, the full-screen view's flows list, the stage in the job and the summary line.
 */
final class Correlation {
    private final CorrelationOptions options;
    private final EventJob job;
    private final ViewFlows view = new ViewFlows();
    private final Correlator correlator;

    private Correlation(CorrelationOptions options, EventJob job, FlowOutput file) {
        this.options = options;
        this.job = job;
        this.correlator = new Correlator(options.settings(), new Both(file, view));
    }

    /**
     * Checks the options and makes the --flows file an export of {@code job} (never an input or another output of
     * it): the job creates it with its own exports and moves it into place when it ends.
     *
     * @throws UsageException for bad windows or limits, a bad format, a file that is an input or another output
     */
    static Correlation open(CorrelationOptions options, EventJob job) {
        options.settings(); // every usage check before the file is named to the job
        return new Correlation(options, job, options.open(job));
    }

    /**
     * Puts the correlation into the job, after {@code before} when given (the --wfp-state describer), and gives
     * the job's full-screen view its flows list.
     */
    EventJob into(EventJob job, EventStage before) {
        return job.stage(before == null ? correlator : before.then(correlator)).flowView(view::to);
    }

    /**
     * What the correlation did, and where the flows went (the file, or that it was left as it was): for stderr after
     * the job's summary.
     */
    void summary(PrintWriter err) {
        err.println(correlator.stats().render());
        if (options.flows != null) err.println("flows: " + job.exported("--flows"));
    }

    /** The flows list of the full-screen view, once the job has opened one (written on the pipeline thread). */
    private static final class ViewFlows implements FlowOutput {
        private volatile Consumer<FlowRow> target;

        void to(Consumer<FlowRow> t) { target = t; }

        @Override
        public void write(Flow flow) {
            Consumer<FlowRow> t = target;
            if (t != null) t.accept(FlowRows.of(flow));
        }

        @Override public void flush() { }

        @Override public void close() { }
    }

    private record Both(FlowOutput a, FlowOutput b) implements FlowOutput {
        @Override
        public void write(Flow flow) throws IOException {
            a.write(flow);
            b.write(flow);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }
}
