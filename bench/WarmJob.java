import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The same ws_tool command run several times in one JVM: the first run pays start-up and JIT compilation, the later
 * ones show the steady state of the pipeline, so the two costs can be told apart (issue 21). The job's output is
 * written as {@code WsTool.main} writes stdout (UTF-8, autoflush), to /dev/null.
 * Run (source-file mode, against the shaded jar):
 * {@code java -Xms64m -Xmx512m -XX:+UseSerialGC -cp cli/target/ws_tool.jar bench/WarmJob.java RUNS EVENTS ws_tool-args...}
 */
public final class WarmJob {
    public static void main(String[] a) throws java.io.IOException {
        int runs = Integer.parseInt(a[0]);
        long events = Long.parseLong(a[1]);
        String[] args = java.util.Arrays.copyOfRange(a, 2, a.length);
        PrintStream report = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream("/dev/null"),
                java.nio.charset.StandardCharsets.UTF_8), true);
        for (int i = 1; i <= runs; i++) {
            long t = System.nanoTime();
            int rc = wstool.cli.WsTool.execute(args, out, new PrintWriter(Writer.nullWriter()));
            double s = (System.nanoTime() - t) / 1e9;
            report.printf("run %d in one JVM: exit %d, %.2f s, %.2f M events/s%n", i, rc, s, events / s / 1e6);
        }
    }
}
