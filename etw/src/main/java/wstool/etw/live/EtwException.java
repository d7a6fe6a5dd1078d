package wstool.etw.live;

/**
 * A live trace cannot start or go on for a reason that is not an API's error code (the session was stopped from
 * outside, the traced process does not exist); API failures are {@link wstool.win32.WindowsApiException}s.
 */
public final class EtwException extends RuntimeException {
    public EtwException(String message) {
        super(message);
    }
}
