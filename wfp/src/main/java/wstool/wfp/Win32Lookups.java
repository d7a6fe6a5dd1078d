package wstool.wfp;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.util.HashMap;
import java.util.Map;

/**
 * The Win32 lookups behind {@link WindowsNames} and the Windows build number, through jna-platform. Windows only; NOT run in this project's
 * tests (they use fakes) - exercised by the Windows CI smoke test.
 */
final class Win32Lookups {
    private Win32Lookups() {}

    /** "C:" to "\Device\HarddiskVolume3" for every drive letter that has a DOS device. */
    public static Map<String, String> dosDevices() {
        Map<String, String> out = new HashMap<>();
        char[] buf = new char[1024];
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            String drive = letter + ":";
            int n = Kernel32.INSTANCE.QueryDosDevice(drive, buf, buf.length);
            if (n > 0) {
                int end = 0;
                while (end < n && buf[end] != 0) end++;
                out.put(drive, new String(buf, 0, end));
            }
        }
        return out;
    }

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
