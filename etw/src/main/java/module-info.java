/**
 * ETW: the .etl reader and the live session (the two ways in, used by cli); the schema and decoder packages are the
 * inside of both and stay unexported.
 */
module wstool.etw {
    requires transitive wstool.core;
    // PrivilegeException / WindowsApiException (wstool.win32) are how its Windows calls fail
    requires transitive wstool.winlayout;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires java.xml;

    exports wstool.etw.etl;
    exports wstool.etw.live;

    // Advapi32/Tdh are proxied by JNA; EtwStructs' fields are read and written reflectively
    opens wstool.etw.live to com.sun.jna;
}
