package wstool.cli;

import java.util.concurrent.Callable;

/**
 * The shape of every ws_tool command: {@link #execute()} returns normally on success; a failure is an exception
 * whose type {@link ExitCodes} turns into the exit status (never a literal status in a command).
 */
interface CliCommand extends Callable<Void> {
    void execute() throws Exception;

    @Override
    default Void call() throws Exception {
        execute();
        return null;
    }
}
