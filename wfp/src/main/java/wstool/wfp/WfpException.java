package wstool.wfp;

/** A Windows Filtering Platform call failed; the message names the function and the Win32 error. */
public class WfpException extends Exception {
    public static final int ERROR_ACCESS_DENIED = 5;
    private final int code;

    public WfpException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int code() { return code; }

    /** Throws unless {@code rc} is 0; access denied becomes the one-line "run as Administrator" message. */
    static void check(int rc, String function) throws WfpException {
        if (rc == 0) return;
        if (rc == ERROR_ACCESS_DENIED) {
            throw new WfpException("access denied by the Windows Filtering Platform (" + function
                    + "): run ws_tool as Administrator", rc);
        }
        throw new WfpException(function + " failed: error 0x" + String.format("%08X", rc), rc);
    }
}
