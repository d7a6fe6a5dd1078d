package wstool.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * Test only: ws_tool on a terminal whose output fails, once, when the test asks for it, so that the full-screen view
 * fails while the job runs (as when its terminal goes away). Args: a trigger file, then ws_tool's arguments; the
 * first flush of the terminal after the trigger file exists (the view's next frame) throws {@link #FAILURE}. The
 * terminal is JLine's ExternalTerminal over this process's stdin and stdout (the tmux pane of {@link TuiTmuxTest}),
 * handed to the view through JLine's own {@link TerminalBuilder#setTerminalOverride}: ws_tool is not changed.
 */
final class FailingTerminalMain {
    static final String FAILURE = "test terminal: its output failed";

    private FailingTerminalMain() {}

    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        Path trigger = Path.of(args[0]);
        AtomicBoolean failed = new AtomicBoolean();
        ExternalTerminal terminal = new ExternalTerminal("failing", System.getenv("TERM"), System.in, System.out,
                StandardCharsets.UTF_8) {
            @Override
            public void flush() {
                if (Files.exists(trigger) && failed.compareAndSet(false, true)) throw new IllegalStateException(FAILURE);
                super.flush();
            }
        };
        terminal.setSize(new Size(TuiTmuxTest.WIDTH, TuiTmuxTest.HEIGHT));
        TerminalBuilder.setTerminalOverride(terminal);
        WsTool.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
