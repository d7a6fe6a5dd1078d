/** WFP: live net events through fwpuclnt, and netsh wfp XML import. */
module wstool.wfp {
    requires transitive wstool.core;
    // PrivilegeException / WindowsApiException (wstool.win32) are how its Windows calls fail
    requires transitive wstool.winlayout;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires java.xml;

    exports wstool.wfp;
    exports wstool.wfp.fwpu;
    exports wstool.wfp.mock;

    // Fwpuclnt is proxied by JNA; the FWPM_* structures' fields are read reflectively
    opens wstool.wfp.fwpu to com.sun.jna;
    // the mock session's WfpMockApi and structures, the same way
    opens wstool.wfp.mock to com.sun.jna;
}
