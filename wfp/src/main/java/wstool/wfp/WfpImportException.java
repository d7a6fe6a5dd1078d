package wstool.wfp;

import java.io.IOException;

/** A netsh wfp XML file that cannot be read: names the problem and where it is (line, column, character offset). */
public final class WfpImportException extends IOException {
    public WfpImportException(String message) { super(message); }

    public WfpImportException(String message, Throwable cause) { super(message, cause); }
}
