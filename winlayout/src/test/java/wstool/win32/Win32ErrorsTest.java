package wstool.win32;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class Win32ErrorsTest {

    @Test
    void successDoesNotThrow() {
        assertDoesNotThrow(() -> Win32Errors.check(0, "StartTraceW", "cannot start"));
    }

    @Test
    void accessDeniedIsAPrivilegeErrorNamingWhoMay() {
        PrivilegeException e = assertThrows(PrivilegeException.class,
                () -> Win32Errors.check(5, "FwpmEngineOpen0", "cannot open the filter engine"));
        assertEquals("FwpmEngineOpen0", e.api());
        assertEquals(5, e.code());
        assertEquals(PrivilegeException.ADMINISTRATOR, e.requirement());
        assertFalse(e.getMessage().contains("run"), "the backend does not give command-line advice: " + e.getMessage());
        PrivilegeException h = assertThrows(PrivilegeException.class,
                () -> Win32Errors.check(Win32Errors.E_ACCESSDENIED, "X", null, "Administrator or a member of Y"));
        assertEquals("Administrator or a member of Y", h.requirement());
    }

    @Test
    void otherCodesAreApiErrorsInOneFormat() {
        WindowsApiException e = assertThrows(WindowsApiException.class,
                () -> Win32Errors.check(1450, "StartTraceW", "cannot start the ETW session s"));
        assertFalse(e instanceof PrivilegeException);
        assertEquals(1450, e.code());
        // Win32 errors in decimal, HRESULTs in hex; the system's text after the number when there is one
        assertEquals("error 1450", Win32Errors.describe(1450, c -> null));
        assertEquals("error 0x80320025", Win32Errors.describe(0x80320025, c -> null));
        assertEquals("error 5 (Access is denied.)", Win32Errors.describe(5, c -> "Access is denied.\r\n".strip()));
        if (!Platform.isWindows()) {
            assertEquals("cannot start the ETW session s: StartTraceW failed with error 1450", e.getMessage());
        }
    }

    @Test
    void systemMessagesAreOneLineWithoutControlCharacters() {
        assertEquals("Insufficient system resources exist to complete the requested service.",
                Win32Errors.oneLine("Insufficient system resources exist\r\nto complete the requested service.\r\n"));
        assertEquals("a b", Win32Errors.oneLine("a\u001b b"));
    }

    @Test
    void apiFailureWithoutContext() {
        WindowsApiException e = assertInstanceOf(WindowsApiException.class, Win32Errors.failure(6, "CloseTrace", null, "x"));
        assertEquals(Platform.isWindows() ? e.getMessage() : "CloseTrace failed with error 6", e.getMessage());
    }
}
