/**
 * What etw and wfp share about Windows: the Win32 error mapping and device paths (wstool.win32), and the JNA layout
 * checks their tests run (wstool.winlayout).
 */
module wstool.winlayout {
    requires transitive com.sun.jna;
    requires com.sun.jna.platform;

    exports wstool.win32;
    exports wstool.winlayout;
}
