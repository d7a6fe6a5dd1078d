package wstool.etw.live;

/** The wmistr.h constant of WNODE_HEADER.Flags a trace session needs (Windows SDK). */
final class Wmistr {
    private Wmistr() {
    }

    public static final int WNODE_FLAG_TRACED_GUID = 0x00020000;
}
