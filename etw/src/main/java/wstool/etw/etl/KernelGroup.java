package wstool.etw.etl;

import java.util.UUID;

/**
 * The NT Kernel Logger's event groups: the high byte of a system or perfinfo header's HookId (EVENT_TRACE_GROUP_*
 * in ntwmi.h, e.g. the Windows Research Kernel's copy and System Informer's phnt), and the MOF class GUID under which
 * ETW delivers a group's records to consumers (EVENT_RECORD.ProviderId with EVENT_HEADER_FLAG_CLASSIC_HEADER). Only
 * the groups whose records are passed on as events have a GUID here: TcpIp and UdpIp (the MOF classes of
 * learn.microsoft.com/windows/win32/etw/tcpip and .../udpip). Process records feed the reader's process listeners.
 */
final class KernelGroup {
    private KernelGroup() {}

    public static final int HEADER = 0x00, IO = 0x01, MEMORY = 0x02, PROCESS = 0x03, FILE = 0x04, THREAD = 0x05,
            TCPIP = 0x06, UDPIP = 0x08, REGISTRY = 0x09, CONFIG = 0x0B, PERFINFO = 0x0F, IMAGE = 0x14,
            STACKWALK = 0x18;

    public static final UUID TCPIP_GUID = UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2");
    public static final UUID UDPIP_GUID = UUID.fromString("bf3a50c5-a9c9-4988-a005-2df0b7c80f80");

    private static final String[] NAMES = new String[256];
    static {
        String[] n = {"HEADER", "IO", "MEMORY", "PROCESS", "FILE", "THREAD", "TCPIP", "IPXSPX", "UDPIP", "REGISTRY",
                "DBGPRINT", "CONFIG", "SPARE1", "WNF", "POOL", "PERFINFO", "HEAP", "OBJECT", "POWER", "MODBOUND",
                "IMAGE", "DPC", "CC", "CRITSEC", "STACKWALK", "UMS", "ALPC", "SPLITIO", "THREAD_POOL", "HYPERVISOR",
                "HYPERVISORX"};
        System.arraycopy(n, 0, NAMES, 0, n.length);
    }

    /** The group's EVENT_TRACE_GROUP_ name without the prefix, or "GROUP_0xNN". */
    public static String name(int group) {
        String s = group >= 0 && group < NAMES.length ? NAMES[group] : null;
        return s != null ? s : String.format("GROUP_0x%02X", group);
    }

    /** The class GUID for a group whose records become events, or null (counted only). */
    public static UUID guid(int group) {
        switch (group) {
            case TCPIP: return TCPIP_GUID;
            case UDPIP: return UDPIP_GUID;
            default: return null;
        }
    }
}
