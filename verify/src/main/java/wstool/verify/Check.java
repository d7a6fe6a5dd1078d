package wstool.verify;

/**
 * The checks, with stable codes (like Application Verifier stop codes). Codes and names never change meaning;
 * new checks get new codes. The severity here is the usual one; a finding may say otherwise (a leak seen at
 * process exit is an error, one still open at trace end a warning).
 */
public enum Check {
    WS001("LEAKED_SOCKET", Severity.ERROR,
            "Socket created in the trace and never closed before its process exited (error) or the trace ended (warning)."),
    WS002("USE_AFTER_CLOSE", Severity.ERROR,
            "A call on a socket after its close/cleanup (including a second close). A new create reusing the id is a new socket, not this. "
                    + "Warning when only a completion is dated after the close (the call may have been running when it was closed)."),
    WS003("UNKNOWN_ENDPOINT", Severity.INFO,
            "Operations on a socket never seen created: usually created before the trace started, not a bug by itself."),
    WS004("FAILED_OPERATIONS", Severity.WARNING,
            "Failed calls grouped by process, call and status (NTSTATUS/errno name) with counts and first/last time; would-block results are not failures."),
    WS005("OVERLONG_COMPLETION", Severity.ERROR,
            "A send/receive completed with more bytes than the buffer the caller posted (Winsock contract violation)."),
    WS006("COMPLETION_WITHOUT_START", Severity.WARNING,
            "A call completed on a socket created in the trace without a matching start event."),
    WS007("HUNG_CALL", Severity.WARNING,
            "A call started and not completed when the trace ended (a waiting accept/receive is info: normal for servers)."),
    WS008("DROP_LISTED_PEER", Severity.ERROR,
            "Traffic with an address on Spamhaus DROP / ASN-DROP (networks run by criminals or hijacked)."),
    WS009("LISTEN_ALL_INTERFACES", Severity.WARNING,
            "A socket listening on 0.0.0.0 or :: , reachable from every network the host is on.");

    private final String title;
    private final Severity severity;
    private final String description;

    Check(String title, Severity severity, String description) {
        this.title = title;
        this.severity = severity;
        this.description = description;
    }

    public String code() { return name(); }

    /** The stable upper-case name, e.g. LEAKED_SOCKET. */
    public String title() { return title; }

    /** "WS001 LEAKED_SOCKET". */
    public String label() { return name() + " " + title; }

    public Severity severity() { return severity; }

    public String description() { return description; }
}
