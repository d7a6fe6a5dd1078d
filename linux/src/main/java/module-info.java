/** The Linux live backend: NFLOG over netlink and trace through bpftrace. netlink stays inside. */
module wstool.linux {
    requires transitive wstool.core;
    requires com.sun.jna;

    exports wstool.linux.nflog;
    exports wstool.linux.sys;
    exports wstool.linux.trace;

    // LibC is proxied by JNA
    opens wstool.linux.sys to com.sun.jna;
}
