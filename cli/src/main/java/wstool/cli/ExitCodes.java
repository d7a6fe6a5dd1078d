package wstool.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import wstool.core.sink.TerminalText;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The one place exit codes are decided: commands return normally (0) or throw, and the exception's type says the
 * status. 0 ok, 1 runtime failure, 2 usage error ({@link UsageException}, picocli's {@link ParameterException}), 3
 * {@code --verify} found an error ({@link VerifyErrorsFound}), 141 stdout closed ({@link StdoutClosed}, as a shell
 * reports SIGPIPE). SIGINT and SIGTERM end the JVM with 130 and 143 (128 + signal): the shutdown hook of a job
 * flushes and reports, the JVM chooses the status.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {
    public static final int OK = 0, FAILURE = 1, USAGE = 2, VERIFY_ERRORS = 3, STDOUT_CLOSED = 141,
            SIGINT = 130, SIGTERM = 143;

    @Override
    public int getExitCode(Throwable t) { return of(t); }

    static int of(Throwable t) {
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) t = t.getCause();
        if (t instanceof UsageException || t instanceof ParameterException) return USAGE;
        if (t instanceof VerifyErrorsFound) return VERIFY_ERRORS;
        if (t instanceof StdoutClosed) return STDOUT_CLOSED;
        return FAILURE;
    }

    /** Whether the failure was already reported in full where it happened (nothing more is printed). */
    static boolean reported(Throwable t) { return t instanceof VerifyErrorsFound || t instanceof StdoutClosed; }

    /** The one format of an error line: {@code ws_tool: error: <one sentence>}. */
    static String line(Throwable t) { return "ws_tool: error: " + TerminalText.clean(describe(t)); }

    /** One sentence for people: the message, or what kind of failure it was. */
    public static String describe(Throwable t) {
        while (t.getCause() != null && (t.getMessage() == null || t instanceof ExecutionException
                || t instanceof CommandLine.ExecutionException)) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException) return "file not found: " + t.getMessage();
        if (t instanceof AccessDeniedException) return "permission denied: " + t.getMessage();
        if (t instanceof wstool.win32.PrivilegeException p) return p.getMessage() + "; run ws_tool as " + p.requirement();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** {@code --verify} found error findings; the report has been printed. Exit status 3. */
    public static final class VerifyErrorsFound extends RuntimeException {
        public VerifyErrorsFound() { super("the verification found errors", null, false, false); }
    }

    /** The reader of stdout went away (EPIPE, e.g. {@code | head}); the job ended quietly. Exit status 141. */
    public static final class StdoutClosed extends RuntimeException {
        public StdoutClosed() { super("stdout was closed", null, false, false); }
    }
}
