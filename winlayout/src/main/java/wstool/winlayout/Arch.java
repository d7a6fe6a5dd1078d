package wstool.winlayout;

/** Windows target architecture of a layout value. */
public enum Arch {
    X64, X86
}
