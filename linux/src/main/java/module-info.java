/** The Linux live backend: NFLOG over netlink, trace through bpftrace, mock's fault engine. netlink stays inside. */
module wstool.linux {
    requires transitive wstool.core;
    requires com.sun.jna;

    exports wstool.linux.mock;
    exports wstool.linux.nflog;
    exports wstool.linux.sys;
    exports wstool.linux.trace;

    // LibC is proxied by JNA
    opens wstool.linux.sys to com.sun.jna;
}
