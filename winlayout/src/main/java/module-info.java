/** Test support: checks JNA structures against the Windows x64 layout. Only tests use it. */
module wstool.winlayout {
    requires transitive com.sun.jna;

    exports wstool.winlayout;
}
