package wstool.wfp;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import java.util.HashMap;
import java.util.Map;

/**
 * The two Win32 lookups behind {@link WindowsNames}, through jna-platform. Windows only; NOT run in this project's
 * tests (they use fakes) - exercised by the Windows CI smoke test.
 */
public final class Win32Lookups {
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
