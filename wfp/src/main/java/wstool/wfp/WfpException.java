package wstool.wfp;

/**
 * The WFP backend cannot go on for a reason of its own (the options record cannot be written, fwpuclnt.dll lacks a
 * function, net event collection is off); failed API calls are {@link wstool.win32.WindowsApiException}s.
 */
public class WfpException extends Exception {
    private final int code;

    public WfpException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The API result behind it, or 0. */
    public int code() { return code; }
}
