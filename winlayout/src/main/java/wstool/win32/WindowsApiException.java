package wstool.win32;

/**
 * A Windows API call returned an error: {@link #api()} names the function, {@link #code()} is what it returned (a
 * Win32 error code or an HRESULT), the message one sentence for people with the system's text for the code.
 */
public class WindowsApiException extends RuntimeException {
    private final String api;
    private final int code;

    public WindowsApiException(String message, String api, int code) {
        super(message);
        this.api = api;
        this.code = code;
    }

    public String api() {
        return api;
    }

    public int code() {
        return code;
    }
}
