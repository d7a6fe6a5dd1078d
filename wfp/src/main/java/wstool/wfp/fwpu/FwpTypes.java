package wstool.wfp.fwpu;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.platform.win32.WinBase.FILETIME;

/**
 * JNA mirrors of the fwptypes.h / fwpmtypes.h / iketypes.h structures that ws_tool reads or passes (Windows SDK
 * definitions; names as in the SDK). Only fixed-width fields: UINT32/enum/BOOL as int, UINT16 as short, UINT8 as
 * byte, UINT64 as long, pointers as Pointer, the SDK's anonymous address unions as {@link Addr} (UINT32 or 16 bytes).
 * Every layout is checked against Windows x64 offsets in the tests (SDK layout table, and every field with a
 * mingw-w64 compile-only probe). 32-bit Windows is not supported. Never read from memory Windows wrote except in
 * the Windows CI smoke test.
 */
public final class FwpTypes {
    private FwpTypes() {}

    /** FWP_BYTE_BLOB. */
    @FieldOrder({"size", "data"})
    public static class FWP_BYTE_BLOB extends Structure {
        public int size;
        public Pointer data;
    }

    /** FWP_VALUE0 / FWP_CONDITION_VALUE0: a type and an 8-byte union (every arm is a number or a pointer). */
    @FieldOrder({"type", "value"})
    public static class FWP_VALUE0 extends Structure {
        public int type;
        public long value;

        public FWP_VALUE0() { }

        public FWP_VALUE0(Pointer p) {
            super(p);
            read();
        }
    }

    /** The anonymous UINT32 / FWP_BYTE_ARRAY16 address unions of the net event header. */
    @FieldOrder({"v4", "v6"})
    public static class Addr extends Union {
        public int v4;
        public byte[] v6 = new byte[16];
    }

    /** FWPM_DISPLAY_DATA0. */
    @FieldOrder({"name", "description"})
    public static class FWPM_DISPLAY_DATA0 extends Structure {
        public Pointer name;
        public Pointer description;
    }

    /** FWPM_SESSION0. */
    @FieldOrder({"sessionKey", "displayData", "flags", "txnWaitTimeoutInMSec", "processId", "sid", "username", "kernelMode"})
    public static class FWPM_SESSION0 extends Structure {
        public GUID sessionKey;
        public FWPM_DISPLAY_DATA0 displayData;
        public int flags;
        public int txnWaitTimeoutInMSec;
        public int processId;
        public Pointer sid;
        public Pointer username;
        public int kernelMode;
    }

    /** FWPM_ACTION0: type and the anonymous GUID union (filterType / calloutKey). */
    @FieldOrder({"type", "filterType"})
    public static class FWPM_ACTION0 extends Structure {
        public int type;
        public GUID filterType;
    }

    /** The anonymous rawContext / providerContextKey union of FWPM_FILTER0. */
    @FieldOrder({"rawContext", "providerContextKey"})
    public static class FilterContext extends Union {
        public long rawContext;
        public GUID providerContextKey;
    }

    /** FWPM_FILTER0. */
    @FieldOrder({"filterKey", "displayData", "flags", "providerKey", "providerData", "layerKey", "subLayerKey",
            "weight", "numFilterConditions", "filterCondition", "action", "context", "reserved", "filterId",
            "effectiveWeight"})
    public static class FWPM_FILTER0 extends Structure {
        public GUID filterKey;
        public FWPM_DISPLAY_DATA0 displayData;
        public int flags;
        public Pointer providerKey;
        public FWP_BYTE_BLOB providerData;
        public GUID layerKey;
        public GUID subLayerKey;
        public FWP_VALUE0 weight;
        public int numFilterConditions;
        public Pointer filterCondition;
        public FWPM_ACTION0 action;
        public FilterContext context;
        public Pointer reserved;
        public long filterId;
        public FWP_VALUE0 effectiveWeight;

        public FWPM_FILTER0() { }

        public FWPM_FILTER0(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWPM_LAYER0. */
    @FieldOrder({"layerKey", "displayData", "flags", "numFields", "field", "defaultSubLayerKey", "layerId"})
    public static class FWPM_LAYER0 extends Structure {
        public GUID layerKey;
        public FWPM_DISPLAY_DATA0 displayData;
        public int flags;
        public int numFields;
        public Pointer field;
        public GUID defaultSubLayerKey;
        public short layerId;

        public FWPM_LAYER0() { }

        public FWPM_LAYER0(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWPM_PROVIDER0 (fwpmtypes.h): who added a filter; FwpmProviderGetByKey0 returns one. */
    @FieldOrder({"providerKey", "displayData", "flags", "providerData", "serviceName"})
    public static class FWPM_PROVIDER0 extends Structure {
        public GUID providerKey;
        public FWPM_DISPLAY_DATA0 displayData;
        public int flags;
        public FWP_BYTE_BLOB providerData;
        public Pointer serviceName;

        public FWPM_PROVIDER0() { }

        public FWPM_PROVIDER0(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWPM_SUBLAYER0 (fwpmtypes.h; flags and weight are UINT16); FwpmSubLayerGetByKey0 returns one. */
    @FieldOrder({"subLayerKey", "displayData", "flags", "providerKey", "providerData", "weight"})
    public static class FWPM_SUBLAYER0 extends Structure {
        public GUID subLayerKey;
        public FWPM_DISPLAY_DATA0 displayData;
        public short flags;
        public Pointer providerKey;
        public FWP_BYTE_BLOB providerData;
        public short weight;

        public FWPM_SUBLAYER0() { }

        public FWPM_SUBLAYER0(Pointer p) {
            super(p);
            read();
        }
    }

    /** FWPM_NET_EVENT_ENUM_TEMPLATE0. */
    @FieldOrder({"startTime", "endTime", "numFilterConditions", "filterCondition"})
    public static class FWPM_NET_EVENT_ENUM_TEMPLATE0 extends Structure {
        public FILETIME startTime;
        public FILETIME endTime;
        public int numFilterConditions;
        public Pointer filterCondition;
    }

    /** FWPM_NET_EVENT_SUBSCRIPTION0. */
    @FieldOrder({"enumTemplate", "flags", "sessionKey"})
    public static class FWPM_NET_EVENT_SUBSCRIPTION0 extends Structure {
        public Pointer enumTemplate;
        public int flags;
        public GUID sessionKey;
    }

    // ---- net event headers ----

    /** FWPM_NET_EVENT_HEADER0 (Vista). */
    @FieldOrder({"timeStamp", "flags", "ipVersion", "ipProtocol", "localAddr", "remoteAddr", "localPort", "remotePort",
            "scopeId", "appId", "userId"})
    public static class FWPM_NET_EVENT_HEADER0 extends Structure {
        public FILETIME timeStamp;
        public int flags;
        public int ipVersion;
        public byte ipProtocol;
        public Addr localAddr;
        public Addr remoteAddr;
        public short localPort;
        public short remotePort;
        public int scopeId;
        public FWP_BYTE_BLOB appId;
        public Pointer userId;
    }

    /** The reserved2..reserved10 struct inside FWPM_NET_EVENT_HEADER1 (an Ethernet description in mingw-w64). */
    @FieldOrder({"reserved2", "reserved3", "reserved4", "reserved5", "reserved6", "reserved7", "reserved8",
            "reserved9", "reserved10"})
    public static class Header1Reserved extends Structure {
        public byte[] reserved2 = new byte[6];
        public byte[] reserved3 = new byte[6];
        public int reserved4;
        public int reserved5;
        public short reserved6;
        public int reserved7;
        public int reserved8;
        public short reserved9;
        public long reserved10;
    }

    /** FWPM_NET_EVENT_HEADER1 (Windows 7). */
    @FieldOrder({"timeStamp", "flags", "ipVersion", "ipProtocol", "localAddr", "remoteAddr", "localPort", "remotePort",
            "scopeId", "appId", "userId", "reserved1", "reserved"})
    public static class FWPM_NET_EVENT_HEADER1 extends Structure {
        public FILETIME timeStamp;
        public int flags;
        public int ipVersion;
        public byte ipProtocol;
        public Addr localAddr;
        public Addr remoteAddr;
        public short localPort;
        public short remotePort;
        public int scopeId;
        public FWP_BYTE_BLOB appId;
        public Pointer userId;
        public int reserved1;
        public Header1Reserved reserved;
    }

    /** FWPM_NET_EVENT_HEADER2 (Windows 8). */
    @FieldOrder({"timeStamp", "flags", "ipVersion", "ipProtocol", "localAddr", "remoteAddr", "localPort", "remotePort",
            "scopeId", "appId", "userId", "addressFamily", "packageSid"})
    public static class FWPM_NET_EVENT_HEADER2 extends Structure {
        public FILETIME timeStamp;
        public int flags;
        public int ipVersion;
        public byte ipProtocol;
        public Addr localAddr;
        public Addr remoteAddr;
        public short localPort;
        public short remotePort;
        public int scopeId;
        public FWP_BYTE_BLOB appId;
        public Pointer userId;
        public int addressFamily;
        public Pointer packageSid;
    }

    /** FWPM_NET_EVENT_HEADER3 (Windows 10). */
    @FieldOrder({"timeStamp", "flags", "ipVersion", "ipProtocol", "localAddr", "remoteAddr", "localPort", "remotePort",
            "scopeId", "appId", "userId", "addressFamily", "packageSid", "enterpriseId", "policyFlags", "effectiveName"})
    public static class FWPM_NET_EVENT_HEADER3 extends Structure {
        public FILETIME timeStamp;
        public int flags;
        public int ipVersion;
        public byte ipProtocol;
        public Addr localAddr;
        public Addr remoteAddr;
        public short localPort;
        public short remotePort;
        public int scopeId;
        public FWP_BYTE_BLOB appId;
        public Pointer userId;
        public int addressFamily;
        public Pointer packageSid;
        public Pointer enterpriseId;
        public long policyFlags;
        public FWP_BYTE_BLOB effectiveName;
    }

    // ---- net events: header, type, and the anonymous union of pointers to the type's details ----

    /** FWPM_NET_EVENT0. */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT0 extends Structure {
        public FWPM_NET_EVENT_HEADER0 header;
        public int type;
        public Pointer union;
    }

    /** FWPM_NET_EVENT1. */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT1 extends Structure {
        public FWPM_NET_EVENT_HEADER1 header;
        public int type;
        public Pointer union;
    }

    /** FWPM_NET_EVENT2. */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT2 extends Structure {
        public FWPM_NET_EVENT_HEADER2 header;
        public int type;
        public Pointer union;
    }

    /** FWPM_NET_EVENT3. */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT3 extends Structure {
        public FWPM_NET_EVENT_HEADER3 header;
        public int type;
        public Pointer union;
    }

    /** FWPM_NET_EVENT4 (same layout as 3; its union points to newer IKE structures). */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT4 extends Structure {
        public FWPM_NET_EVENT_HEADER3 header;
        public int type;
        public Pointer union;
    }

    /** FWPM_NET_EVENT5 (adds lpmPacketArrival to the union). */
    @FieldOrder({"header", "type", "union"})
    public static class FWPM_NET_EVENT5 extends Structure {
        public FWPM_NET_EVENT_HEADER3 header;
        public int type;
        public Pointer union;
    }

    // ---- event details ----

    /** FWPM_NET_EVENT_CLASSIFY_DROP0. */
    @FieldOrder({"filterId", "layerId"})
    public static class FWPM_NET_EVENT_CLASSIFY_DROP0 extends Structure {
        public long filterId;
        public short layerId;
    }

    /** FWPM_NET_EVENT_CLASSIFY_DROP1. */
    @FieldOrder({"filterId", "layerId", "reauthReason", "originalProfile", "currentProfile", "msFwpDirection", "isLoopback"})
    public static class FWPM_NET_EVENT_CLASSIFY_DROP1 extends Structure {
        public long filterId;
        public short layerId;
        public int reauthReason;
        public int originalProfile;
        public int currentProfile;
        public int msFwpDirection;
        public int isLoopback;
    }

    /** FWPM_NET_EVENT_CLASSIFY_DROP2. */
    @FieldOrder({"filterId", "layerId", "reauthReason", "originalProfile", "currentProfile", "msFwpDirection",
            "isLoopback", "vSwitchId", "vSwitchSourcePort", "vSwitchDestinationPort"})
    public static class FWPM_NET_EVENT_CLASSIFY_DROP2 extends Structure {
        public long filterId;
        public short layerId;
        public int reauthReason;
        public int originalProfile;
        public int currentProfile;
        public int msFwpDirection;
        public int isLoopback;
        public FWP_BYTE_BLOB vSwitchId;
        public int vSwitchSourcePort;
        public int vSwitchDestinationPort;
    }

    /** FWPM_NET_EVENT_CLASSIFY_ALLOW0. */
    @FieldOrder({"filterId", "layerId", "reauthReason", "originalProfile", "currentProfile", "msFwpDirection", "isLoopback"})
    public static class FWPM_NET_EVENT_CLASSIFY_ALLOW0 extends Structure {
        public long filterId;
        public short layerId;
        public int reauthReason;
        public int originalProfile;
        public int currentProfile;
        public int msFwpDirection;
        public int isLoopback;
    }

    /** FWPM_NET_EVENT_CLASSIFY_DROP_MAC0. */
    @FieldOrder({"localMacAddr", "remoteMacAddr", "mediaType", "ifType", "etherType", "ndisPortNumber", "reserved",
            "vlanTag", "ifLuid", "filterId", "layerId", "reauthReason", "originalProfile", "currentProfile",
            "msFwpDirection", "isLoopback", "vSwitchId", "vSwitchSourcePort", "vSwitchDestinationPort"})
    public static class FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 extends Structure {
        public byte[] localMacAddr = new byte[6];
        public byte[] remoteMacAddr = new byte[6];
        public int mediaType;
        public int ifType;
        public short etherType;
        public int ndisPortNumber;
        public int reserved;
        public short vlanTag;
        public long ifLuid;
        public long filterId;
        public short layerId;
        public int reauthReason;
        public int originalProfile;
        public int currentProfile;
        public int msFwpDirection;
        public int isLoopback;
        public FWP_BYTE_BLOB vSwitchId;
        public int vSwitchSourcePort;
        public int vSwitchDestinationPort;
    }

    /** FWPM_NET_EVENT_CAPABILITY_DROP0. */
    @FieldOrder({"networkCapabilityId", "filterId", "isLoopback"})
    public static class FWPM_NET_EVENT_CAPABILITY_DROP0 extends Structure {
        public int networkCapabilityId;
        public long filterId;
        public int isLoopback;
    }

    /** FWPM_NET_EVENT_CAPABILITY_ALLOW0. */
    @FieldOrder({"networkCapabilityId", "filterId", "isLoopback"})
    public static class FWPM_NET_EVENT_CAPABILITY_ALLOW0 extends Structure {
        public int networkCapabilityId;
        public long filterId;
        public int isLoopback;
    }

    /** FWPM_NET_EVENT_IPSEC_KERNEL_DROP0. */
    @FieldOrder({"failureStatus", "direction", "spi", "filterId", "layerId"})
    public static class FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 extends Structure {
        public int failureStatus;
        public int direction;
        public int spi;
        public long filterId;
        public short layerId;
    }

    /** FWPM_NET_EVENT_IPSEC_DOSP_DROP0. */
    @FieldOrder({"ipVersion", "publicHostAddr", "internalHostAddr", "failureStatus", "direction"})
    public static class FWPM_NET_EVENT_IPSEC_DOSP_DROP0 extends Structure {
        public int ipVersion;
        public Addr publicHostAddr;
        public Addr internalHostAddr;
        public int failureStatus;
        public int direction;
    }

    /** FWPM_NET_EVENT_IKEEXT_MM_FAILURE0. */
    @FieldOrder({"failureErrorCode", "failurePoint", "flags", "keyingModuleType", "mmState", "saRole", "mmAuthMethod",
            "endCertHash", "mmId", "mmFilterId"})
    public static class FWPM_NET_EVENT_IKEEXT_MM_FAILURE0 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int flags;
        public int keyingModuleType;
        public int mmState;
        public int saRole;
        public int mmAuthMethod;
        public byte[] endCertHash = new byte[20];
        public long mmId;
        public long mmFilterId;
    }

    /** FWPM_NET_EVENT_IKEEXT_MM_FAILURE1. */
    @FieldOrder({"failureErrorCode", "failurePoint", "flags", "keyingModuleType", "mmState", "saRole", "mmAuthMethod",
            "endCertHash", "mmId", "mmFilterId", "localPrincipalNameForAuth", "remotePrincipalNameForAuth",
            "numLocalPrincipalGroupSids", "localPrincipalGroupSids", "numRemotePrincipalGroupSids",
            "remotePrincipalGroupSids"})
    public static class FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int flags;
        public int keyingModuleType;
        public int mmState;
        public int saRole;
        public int mmAuthMethod;
        public byte[] endCertHash = new byte[20];
        public long mmId;
        public long mmFilterId;
        public Pointer localPrincipalNameForAuth;
        public Pointer remotePrincipalNameForAuth;
        public int numLocalPrincipalGroupSids;
        public Pointer localPrincipalGroupSids;
        public int numRemotePrincipalGroupSids;
        public Pointer remotePrincipalGroupSids;
    }

    /** FWPM_NET_EVENT_IKEEXT_MM_FAILURE2. */
    @FieldOrder({"failureErrorCode", "failurePoint", "flags", "keyingModuleType", "mmState", "saRole", "mmAuthMethod",
            "endCertHash", "mmId", "mmFilterId", "localPrincipalNameForAuth", "remotePrincipalNameForAuth",
            "numLocalPrincipalGroupSids", "localPrincipalGroupSids", "numRemotePrincipalGroupSids",
            "remotePrincipalGroupSids", "providerContextKey"})
    public static class FWPM_NET_EVENT_IKEEXT_MM_FAILURE2 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int flags;
        public int keyingModuleType;
        public int mmState;
        public int saRole;
        public int mmAuthMethod;
        public byte[] endCertHash = new byte[20];
        public long mmId;
        public long mmFilterId;
        public Pointer localPrincipalNameForAuth;
        public Pointer remotePrincipalNameForAuth;
        public int numLocalPrincipalGroupSids;
        public Pointer localPrincipalGroupSids;
        public int numRemotePrincipalGroupSids;
        public Pointer remotePrincipalGroupSids;
        public Pointer providerContextKey;
    }

    /** FWPM_NET_EVENT_IKEEXT_QM_FAILURE0. */
    @FieldOrder({"failureErrorCode", "failurePoint", "keyingModuleType", "qmState", "saRole", "saTrafficType",
            "localSubNet", "remoteSubNet", "qmFilterId"})
    public static class FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int keyingModuleType;
        public int qmState;
        public int saRole;
        public int saTrafficType;
        public FWP_VALUE0 localSubNet;
        public FWP_VALUE0 remoteSubNet;
        public long qmFilterId;
    }

    /** FWPM_NET_EVENT_IKEEXT_QM_FAILURE1. */
    @FieldOrder({"failureErrorCode", "failurePoint", "keyingModuleType", "qmState", "saRole", "saTrafficType",
            "localSubNet", "remoteSubNet", "qmFilterId", "mmSaLuid", "mmProviderContextKey"})
    public static class FWPM_NET_EVENT_IKEEXT_QM_FAILURE1 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int keyingModuleType;
        public int qmState;
        public int saRole;
        public int saTrafficType;
        public FWP_VALUE0 localSubNet;
        public FWP_VALUE0 remoteSubNet;
        public long qmFilterId;
        public long mmSaLuid;
        public GUID mmProviderContextKey;
    }

    /** FWPM_NET_EVENT_IKEEXT_EM_FAILURE0. */
    @FieldOrder({"failureErrorCode", "failurePoint", "flags", "emState", "saRole", "emAuthMethod", "endCertHash",
            "mmId", "qmFilterId"})
    public static class FWPM_NET_EVENT_IKEEXT_EM_FAILURE0 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int flags;
        public int emState;
        public int saRole;
        public int emAuthMethod;
        public byte[] endCertHash = new byte[20];
        public long mmId;
        public long qmFilterId;
    }

    /** FWPM_NET_EVENT_IKEEXT_EM_FAILURE1. */
    @FieldOrder({"failureErrorCode", "failurePoint", "flags", "emState", "saRole", "emAuthMethod", "endCertHash",
            "mmId", "qmFilterId", "localPrincipalNameForAuth", "remotePrincipalNameForAuth",
            "numLocalPrincipalGroupSids", "localPrincipalGroupSids", "numRemotePrincipalGroupSids",
            "remotePrincipalGroupSids", "saTrafficType"})
    public static class FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 extends Structure {
        public int failureErrorCode;
        public int failurePoint;
        public int flags;
        public int emState;
        public int saRole;
        public int emAuthMethod;
        public byte[] endCertHash = new byte[20];
        public long mmId;
        public long qmFilterId;
        public Pointer localPrincipalNameForAuth;
        public Pointer remotePrincipalNameForAuth;
        public int numLocalPrincipalGroupSids;
        public Pointer localPrincipalGroupSids;
        public int numRemotePrincipalGroupSids;
        public Pointer remotePrincipalGroupSids;
        public int saTrafficType;
    }

    /** FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0. */
    @FieldOrder({"spi"})
    public static class FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0 extends Structure {
        public int spi;
    }
}
