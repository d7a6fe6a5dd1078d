package wstool.win32;

/**
 * A Windows API call was refused for lack of rights (ERROR_ACCESS_DENIED). The message says what was refused;
 * {@link #requirement()} who may do it, for the command line to word as advice ("run ws_tool as ...").
 */
public final class PrivilegeException extends WindowsApiException {
    /** What most calls of ws_tool need. */
    public static final String ADMINISTRATOR = "Administrator";

    private final String requirement;

    public PrivilegeException(String message, String api, int code, String requirement) {
        super(message, api, code);
        this.requirement = requirement;
    }

    /** Who may make the call, e.g. "Administrator" or "Administrator or a member of Performance Log Users". */
    public String requirement() {
        return requirement;
    }
}
