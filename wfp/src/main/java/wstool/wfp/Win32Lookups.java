package wstool.wfp;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;

/**
 * The account look-up behind {@link WindowsNames} and the Windows build number, through jna-platform. Windows only; NOT run in this project's
 * tests (they use fakes) - exercised by the Windows CI smoke test.
 */
final class Win32Lookups {
    private Win32Lookups() {}

    /**
     * The build number from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\CurrentBuildNumber (the version
     * APIs report what the executable's manifest declares), or 0 when it cannot be read.
     */
    public static int windowsBuild() {
        try {
            return Integer.parseInt(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE,
                    "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuildNumber").strip());
        } catch (Win32Exception | NumberFormatException e) {
            return 0;
        }
    }

    /** DOMAIN\account for a SID string, or null when it does not resolve. */
    public static String account(String sid) {
        try {
            Advapi32Util.Account a = Advapi32Util.getAccountBySid(sid);
            return a.domain == null || a.domain.isEmpty() ? a.name : a.domain + "\\" + a.name;
        } catch (Win32Exception | IllegalArgumentException e) {
            return null;
        }
    }
}
