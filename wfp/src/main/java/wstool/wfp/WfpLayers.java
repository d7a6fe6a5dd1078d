package wstool.wfp;

import wstool.core.model.Direction;

/**
 * What the filtering layer of a classify event says about its direction. Layer ids are the run-time ids of
 * FWPS_BUILTIN_LAYERS (fwpsu.h: an enum in declaration order from FWPS_LAYER_INBOUND_IPPACKET_V4 = 0); the numbers
 * below were checked against a real {@code netsh wfp show state} dump (fixtures/wfp/keploy_wfpstate.xml: 44 is
 * FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4, 48 FWPM_LAYER_ALE_AUTH_CONNECT_V4, 52 FWPM_LAYER_ALE_FLOW_ESTABLISHED_V4, ...).
 */
final class WfpLayers {
    private WfpLayers() {}

    public static final int ALE_RESOURCE_ASSIGNMENT_V4 = 36, ALE_RESOURCE_ASSIGNMENT_V6_DISCARD = 39;
    public static final int ALE_AUTH_RECV_ACCEPT_V4 = 44, ALE_AUTH_RECV_ACCEPT_V6_DISCARD = 47;
    public static final int ALE_AUTH_CONNECT_V4 = 48, ALE_AUTH_CONNECT_V6_DISCARD = 51;
    public static final int ALE_FLOW_ESTABLISHED_V4 = 52, ALE_FLOW_ESTABLISHED_V6_DISCARD = 55;

    /**
     * IN for the inbound packet/transport/ICMP-error, ALE receive/accept and inbound MAC layers, OUT for their
     * outbound counterparts and ALE connect; UNKNOWN for layers that see both directions (forward, stream,
     * datagram, listen, resource assignment, flow established, ...) or are unknown.
     */
    public static Direction direction(int layerId) {
        if (layerId < 0) return Direction.UNKNOWN;
        if (layerId <= 3 || (layerId >= 12 && layerId <= 15) || (layerId >= 28 && layerId <= 31)
                || (layerId >= ALE_AUTH_RECV_ACCEPT_V4 && layerId <= ALE_AUTH_RECV_ACCEPT_V6_DISCARD)
                || layerId == 56 || layerId == 58 || layerId == 78) {
            return Direction.IN; // INBOUND_IPPACKET, INBOUND_TRANSPORT, INBOUND_ICMP_ERROR, RECV_ACCEPT, INBOUND_MAC_FRAME_*, INBOUND_TRANSPORT_FAST
        }
        if ((layerId >= 4 && layerId <= 7) || (layerId >= 16 && layerId <= 19) || (layerId >= 32 && layerId <= 35)
                || (layerId >= ALE_AUTH_CONNECT_V4 && layerId <= ALE_AUTH_CONNECT_V6_DISCARD)
                || layerId == 57 || layerId == 59 || layerId == 79) {
            return Direction.OUT;
        }
        return Direction.UNKNOWN;
    }

    /**
     * An allow at ALE_FLOW_ESTABLISHED or ALE_RESOURCE_ASSIGNMENT (v4/v6, discard included) repeats the allow of the
     * same connection at ALE_AUTH_CONNECT/RECV_ACCEPT (or announces a bind): simplewall skips them ("do not process
     * when tcp connection has been established", log.c). System Informer's fwmon.c has the same check commented out.
     */
    public static boolean repeatsAnAllow(wstool.core.model.FirewallEventType type, int layerId) {
        return type == wstool.core.model.FirewallEventType.CLASSIFY_ALLOW
                && ((layerId >= ALE_FLOW_ESTABLISHED_V4 && layerId <= ALE_FLOW_ESTABLISHED_V6_DISCARD)
                || (layerId >= ALE_RESOURCE_ASSIGNMENT_V4 && layerId <= ALE_RESOURCE_ASSIGNMENT_V6_DISCARD));
    }

    /**
     * The direction of a classify event: the layer's when it has one, else the msFwpDirection field's. The field
     * is not to be trusted alone: simplewall forces inbound at ALE_AUTH_RECV_ACCEPT_V4/V6 because Windows reports
     * inbound blocks there as outbound (simplewall log.c, its issue #581), and Microsoft's own quarantine sample
     * (fixtures/wfp/quarantine_classifyDrop_netEvent_wfpdiag.xml) is an inbound drop at layer 44 with
     * MS_FWP_DIRECTION_OUT. The raw field stays in the event's raw map.
     */
    public static Direction classify(int layerId, Direction field) {
        Direction byLayer = direction(layerId);
        return byLayer != Direction.UNKNOWN ? byLayer : field;
    }
}
