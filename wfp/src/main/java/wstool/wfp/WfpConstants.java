package wstool.wfp;

import java.util.List;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEventType;

/** Numeric values and names of the fwpmtypes.h / fwptypes.h constants the decoders need (Windows SDK). */
final class WfpConstants {
    private WfpConstants() {}

    // FWPM_NET_EVENT_FLAG_*: which header fields are valid
    public static final int FLAG_IP_PROTOCOL_SET = 0x1, FLAG_LOCAL_ADDR_SET = 0x2, FLAG_REMOTE_ADDR_SET = 0x4,
            FLAG_LOCAL_PORT_SET = 0x8, FLAG_REMOTE_PORT_SET = 0x10, FLAG_APP_ID_SET = 0x20, FLAG_USER_ID_SET = 0x40,
            FLAG_SCOPE_ID_SET = 0x80, FLAG_IP_VERSION_SET = 0x100, FLAG_REAUTH_REASON_SET = 0x200,
            FLAG_PACKAGE_ID_SET = 0x400, FLAG_ENTERPRISE_ID_SET = 0x800, FLAG_POLICY_FLAGS_SET = 0x1000,
            FLAG_EFFECTIVE_NAME_SET = 0x2000;

    /** Flag names in bit order (bit 0 first), as netsh writes them. */
    public static final List<String> FLAG_NAMES = List.of(
            "FWPM_NET_EVENT_FLAG_IP_PROTOCOL_SET", "FWPM_NET_EVENT_FLAG_LOCAL_ADDR_SET",
            "FWPM_NET_EVENT_FLAG_REMOTE_ADDR_SET", "FWPM_NET_EVENT_FLAG_LOCAL_PORT_SET",
            "FWPM_NET_EVENT_FLAG_REMOTE_PORT_SET", "FWPM_NET_EVENT_FLAG_APP_ID_SET",
            "FWPM_NET_EVENT_FLAG_USER_ID_SET", "FWPM_NET_EVENT_FLAG_SCOPE_ID_SET",
            "FWPM_NET_EVENT_FLAG_IP_VERSION_SET", "FWPM_NET_EVENT_FLAG_REAUTH_REASON_SET",
            "FWPM_NET_EVENT_FLAG_PACKAGE_ID_SET", "FWPM_NET_EVENT_FLAG_ENTERPRISE_ID_SET",
            "FWPM_NET_EVENT_FLAG_POLICY_FLAGS_SET", "FWPM_NET_EVENT_FLAG_EFFECTIVE_NAME_SET");

    // FWP_IP_VERSION
    public static final int FWP_IP_VERSION_V4 = 0, FWP_IP_VERSION_V6 = 1, FWP_IP_VERSION_NONE = 2;

    /** FWP_IP_VERSION as netsh writes it (fwptypes.h: V4 0, V6 1, NONE 2). */
    public static String ipVersionName(int v) {
        return v == FWP_IP_VERSION_V4 ? "FWP_IP_VERSION_V4" : v == FWP_IP_VERSION_V6 ? "FWP_IP_VERSION_V6"
                : v == FWP_IP_VERSION_NONE ? "FWP_IP_VERSION_NONE" : Integer.toString(v);
    }

    /** The NULL SID: the packageSid of a process that is not an AppContainer. */
    public static final String NULL_SID = "S-1-0-0";

    // FWPM_NET_EVENT_TYPE, in enum order (value = index)
    public static final List<FirewallEventType> TYPES = List.of(
            FirewallEventType.IKEEXT_MM_FAILURE, FirewallEventType.IKEEXT_QM_FAILURE, FirewallEventType.IKEEXT_EM_FAILURE,
            FirewallEventType.CLASSIFY_DROP, FirewallEventType.IPSEC_KERNEL_DROP, FirewallEventType.IPSEC_DOSP_DROP,
            FirewallEventType.CLASSIFY_ALLOW, FirewallEventType.CAPABILITY_DROP, FirewallEventType.CAPABILITY_ALLOW,
            FirewallEventType.CLASSIFY_DROP_MAC, FirewallEventType.LPM_PACKET_ARRIVAL);

    /** The union member name netsh and the SDK use for each event type (index = FWPM_NET_EVENT_TYPE). */
    public static final List<String> UNION_MEMBERS = List.of(
            "ikeMmFailure", "ikeQmFailure", "ikeEmFailure", "classifyDrop", "ipsecDrop", "idpDrop",
            "classifyAllow", "capabilityDrop", "capabilityAllow", "classifyDropMac", "lpmPacketArrival");

    public static String typeName(FirewallEventType t) { return "FWPM_NET_EVENT_TYPE_" + t.name(); }

    /** FWPM_NET_EVENT_TYPE_X (or just X) to the event type; null when unknown. */
    public static FirewallEventType typeOf(String name) {
        String n = name.trim();
        if (n.startsWith("FWPM_NET_EVENT_TYPE_")) n = n.substring("FWPM_NET_EVENT_TYPE_".length());
        for (FirewallEventType t : TYPES) if (t.name().equals(n)) return t;
        return null;
    }

    // msFwpDirection (FWP_DIRECTION_IN/OUT/FORWARD of the kernel's ms-fwp direction field), FWP_DIRECTION enum
    public static final int MS_FWP_DIRECTION_IN = 0x3900, MS_FWP_DIRECTION_OUT = 0x3901, MS_FWP_DIRECTION_FORWARD = 0x3902;
    public static final int FWP_DIRECTION_OUTBOUND = 0, FWP_DIRECTION_INBOUND = 1;

    /**
     * msFwpDirection value to direction: 0x3900 in, 0x3901 out (fwpmtypes.h documents these and 0x3902 forward,
     * which is UNKNOWN here). Some Windows builds put FWP_DIRECTION_INBOUND (1) there instead, which System
     * Informer and simplewall accept. 0 is not taken as FWP_DIRECTION_OUTBOUND: it is also what an unfilled field
     * holds (wsock-trace notes API levels 0-2 do not set it correctly), so it says nothing; {@link WfpLayers#classify}
     * then decides from the layer.
     */
    public static Direction msFwpDirection(int v) {
        if (v == MS_FWP_DIRECTION_IN || v == FWP_DIRECTION_INBOUND) return Direction.IN;
        if (v == MS_FWP_DIRECTION_OUT) return Direction.OUT;
        return Direction.UNKNOWN;
    }

    public static String msFwpDirectionName(int v) {
        if (v == MS_FWP_DIRECTION_IN) return "MS_FWP_DIRECTION_IN";
        if (v == MS_FWP_DIRECTION_OUT) return "MS_FWP_DIRECTION_OUT";
        if (v == MS_FWP_DIRECTION_FORWARD) return "MS_FWP_DIRECTION_FORWARD";
        if (v == FWP_DIRECTION_INBOUND) return "FWP_DIRECTION_INBOUND";
        if (v == FWP_DIRECTION_OUTBOUND) return "FWP_DIRECTION_OUTBOUND";
        return "0x" + Integer.toHexString(v);
    }

    /** An msFwpDirection as netsh writes it (MS_FWP_DIRECTION_*, FWP_DIRECTION_*) or as a number (0x3900...). */
    public static Direction directionOf(String text) {
        String t = text.trim();
        switch (t) {
            case "MS_FWP_DIRECTION_IN": case "FWP_DIRECTION_INBOUND": case "FWP_DIRECTION_IN": return Direction.IN;
            case "MS_FWP_DIRECTION_OUT": case "FWP_DIRECTION_OUT": return Direction.OUT;
            case "FWP_DIRECTION_OUTBOUND": return Direction.UNKNOWN; // the value 0: see msFwpDirection
            default: break;
        }
        try {
            int v = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseUnsignedInt(t.substring(2), 16) : Integer.parseInt(t);
            return msFwpDirection(v);
        } catch (NumberFormatException e) {
            return Direction.UNKNOWN;
        }
    }

    /** FWP_DIRECTION as netsh writes it for IPsec drops, where 0 (outbound) is a real value. */
    public static Direction fwpDirectionOf(String text) {
        String t = text.trim();
        if (t.equals("FWP_DIRECTION_OUTBOUND") || t.equals("0")) return Direction.OUT;
        if (t.equals("FWP_DIRECTION_INBOUND") || t.equals("1")) return Direction.IN;
        return Direction.UNKNOWN;
    }

    /** FWP_DIRECTION (IPsec drops): 0 outbound, 1 inbound. */
    public static Direction fwpDirection(int v) {
        return v == FWP_DIRECTION_INBOUND ? Direction.IN : v == FWP_DIRECTION_OUTBOUND ? Direction.OUT : Direction.UNKNOWN;
    }

    /**
     * winerror.h (mingw-w64's and the SDK's; learn.microsoft.com "WFP Error Codes"): the object asked for by id or key
     * does not exist - a filter deleted between the drop and the look-up, a provider removed with its product.
     */
    public static final int FWP_E_FILTER_NOT_FOUND = 0x80320003;
    public static final int FWP_E_LAYER_NOT_FOUND = 0x80320004;
    public static final int FWP_E_PROVIDER_NOT_FOUND = 0x80320005;
    public static final int FWP_E_SUBLAYER_NOT_FOUND = 0x80320007;

    /** fwptypes.h FWP_ACTION_TYPE values (type | FWP_ACTION_FLAG_TERMINATING 0x1000 / NON_TERMINATING 0x2000 / CALLOUT 0x4000). */
    public static String actionName(int type) {
        return switch (type) {
            case 0x1001 -> "FWP_ACTION_BLOCK";
            case 0x1002 -> "FWP_ACTION_PERMIT";
            case 0x5003 -> "FWP_ACTION_CALLOUT_TERMINATING";
            case 0x6004 -> "FWP_ACTION_CALLOUT_INSPECTION";
            case 0x4005 -> "FWP_ACTION_CALLOUT_UNKNOWN";
            case 0x2006 -> "FWP_ACTION_CONTINUE";
            case 0x7 -> "FWP_ACTION_NONE";
            case 0x8 -> "FWP_ACTION_NONE_NO_MATCH";
            default -> String.format("0x%x", type);
        };
    }

    /** winerror.h: the engine's net event collection is off (FwpmNetEventEnum on a machine that does not collect). */
    public static final int FWP_E_NET_EVENTS_DISABLED = 0x80320013;

    // FWPM_ENGINE_OPTION
    public static final int FWPM_ENGINE_COLLECT_NET_EVENTS = 0, FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS = 1;
    // FWPM_NET_EVENT_KEYWORD_*
    public static final int KEYWORD_INBOUND_MCAST = 0x1, KEYWORD_INBOUND_BCAST = 0x2, KEYWORD_CAPABILITY_DROP = 0x4,
            KEYWORD_CAPABILITY_ALLOW = 0x8, KEYWORD_CLASSIFY_ALLOW = 0x10, KEYWORD_PORT_SCANNING_DROP = 0x20;
    // FWP_DATA_TYPE
    public static final int FWP_EMPTY = 0, FWP_UINT8 = 1, FWP_UINT16 = 2, FWP_UINT32 = 3, FWP_UINT64 = 4;
}
