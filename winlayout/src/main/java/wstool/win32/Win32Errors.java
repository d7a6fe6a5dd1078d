package wstool.win32;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinError;
import java.util.function.IntFunction;

/**
 * The one place that turns a Windows API result into an exception and an error code into words, for the ETW and
 * WFP backends alike. Win32 error codes are written in decimal (as Windows' own tools print them: "error 5"),
 * HRESULTs (high bit set, e.g. FWP_E_* 0x8032xxxx) in hex, each followed by the system's message for it
 * (FormatMessage through jna-platform's Kernel32Util) when there is one; off Windows only the number.
 */
public final class Win32Errors {
    /** E_ACCESSDENIED: HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), as some APIs return it. */
    public static final int E_ACCESSDENIED = 0x80070005;

    private Win32Errors() {
    }

    /** Throws unless {@code rc} is ERROR_SUCCESS; see {@link #check(int, String, String, String)}. */
    public static void check(int rc, String api, String context) {
        check(rc, api, context, PrivilegeException.ADMINISTRATOR);
    }

    /**
     * Throws unless {@code rc} is ERROR_SUCCESS: a {@link PrivilegeException} for access denied (naming
     * {@code requirement}, who may make the call), else a {@link WindowsApiException}. The message is
     * "{@code context}: {@code api} failed with error N (system message)"; {@code context} may be null.
     */
    public static void check(int rc, String api, String context, String requirement) {
        if (rc != WinError.ERROR_SUCCESS) {
            throw failure(rc, api, context, requirement);
        }
    }

    /** The exception {@link #check} throws for {@code rc}, for callers that decide themselves when to throw. */
    public static WindowsApiException failure(int rc, String api, String context, String requirement) {
        String message = (context == null ? "" : context + ": ") + api + " failed with " + describe(rc);
        if (rc == WinError.ERROR_ACCESS_DENIED || rc == E_ACCESSDENIED) {
            return new PrivilegeException(message, api, rc, requirement);
        }
        return new WindowsApiException(message, api, rc);
    }

    /** "error 5 (Access is denied.)", "error 0x80320025", ...: the number, and the system's message if it has one. */
    public static String describe(int code) {
        return describe(code, Win32Errors::systemMessage);
    }

    static String describe(int code, IntFunction<String> messages) {
        String number = code < 0 ? String.format("0x%08X", code) : Integer.toString(code);
        String text = messages.apply(code);
        return "error " + number + (text == null || text.isBlank() ? "" : " (" + text + ")");
    }

    /** FormatMessage's text for {@code code} on one line, or null off Windows or when the system has none. */
    static String systemMessage(int code) {
        if (!Platform.isWindows()) {
            return null;
        }
        try {
            return oneLine(Kernel32Util.formatMessage(code));
        } catch (LastErrorException | UnsatisfiedLinkError noMessage) {
            return null; // e.g. FWP_E_* codes live in a message table of their own
        }
    }

    /** Line breaks and other control characters (FormatMessage ends its text with CR LF) become single spaces. */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
