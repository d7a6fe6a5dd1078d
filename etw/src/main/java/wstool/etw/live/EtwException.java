package wstool.etw.live;

/** An ETW call failed; the message is one sentence for people, {@link #code()} the Win32 error. */
public final class EtwException extends RuntimeException {
    private final int code;

    public EtwException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
