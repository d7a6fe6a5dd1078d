package wstool.linux.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command from an argument list (never a shell), bounded in time; for the live tests' setup. */
public final class Cmd {
    private Cmd() {}

    public record Result(int exit, String output) {}

    public static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Runs and throws with the output when the exit code is not 0. */
    public static String must(String stdin, String... args) throws IOException, InterruptedException {
        Result r = run(stdin, args);
        if (r.exit() != 0) throw new IOException(String.join(" ", args) + " failed (" + r.exit() + "): " + r.output());
        return r.output();
    }

    /** Runs ignoring failures (cleanup paths). */
    public static void quiet(String... args) {
        try {
            run(null, args);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (new java.io.File(dir, tool).canExecute()) return true;
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) if (new java.io.File(dir, tool).canExecute()) return true;
        return false;
    }

    public static List<String> list(String... a) { return new ArrayList<>(List.of(a)); }
}
