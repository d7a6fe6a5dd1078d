package wstool.linux.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system tool (nft, tc, ip) from an argument list, never through a shell, with an optional generated input on
 * stdin, bounded to {@value #TIMEOUT_SECONDS} s.
 */
public final class ToolRunner {
    static final int TIMEOUT_SECONDS = 15;

    private ToolRunner() {}

    /**
     * @param installHint what to install when the tool is missing ("apt-get install nftables")
     * @return what the command printed (stdout and stderr), trimmed
     * @throws IOException when it cannot start, times out or exits non-zero (the message has its output)
     */
    public static String run(String stdin, String installHint, List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (" + installHint + "): " + e.getMessage(), e);
        }
        try {
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + cmd.get(0), e);
        }
    }
}
