package wstool.wfp.fwpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Structure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wstool.winlayout.MingwProbe;
import wstool.winlayout.WinLayout;
import wstool.wfp.fwpu.FwpTypes.*;

/**
 * Every FwpTypes structure against Windows x64: the shared SDK layout table where it has the type (size and listed
 * offsets), and for everything (all fields, also the ones the table lacks) a mingw-w64 compile-only probe. mingw's
 * fwpmtypes.h stops at FWPM_NET_EVENT1, so the newer types are declared below, transcribed from the Windows SDK's
 * fwpmtypes.h.
 */
class FwpTypesLayoutTest {

    /** Windows SDK fwpmtypes.h definitions that mingw-w64 lacks (transcribed; field names as in the SDK). */
    static final String SDK_DECLARATIONS = """
            typedef enum FWPM_APPC_NETWORK_CAPABILITY_TYPE_ {
              FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT = 0,
              FWPM_APPC_NETWORK_CAPABILITY_INTERNET_CLIENT_SERVER,
              FWPM_APPC_NETWORK_CAPABILITY_INTERNET_PRIVATE_NETWORK
            } FWPM_APPC_NETWORK_CAPABILITY_TYPE;
            typedef struct SDK_FWPM_NET_EVENT_HEADER2_ {
              FILETIME timeStamp; UINT32 flags; FWP_IP_VERSION ipVersion; UINT8 ipProtocol;
              union { UINT32 localAddrV4; FWP_BYTE_ARRAY16 localAddrV6; };
              union { UINT32 remoteAddrV4; FWP_BYTE_ARRAY16 remoteAddrV6; };
              UINT16 localPort; UINT16 remotePort; UINT32 scopeId; FWP_BYTE_BLOB appId; SID *userId;
              FWP_AF addressFamily; SID *packageSid;
            } FWPM_NET_EVENT_HEADER2;
            typedef struct SDK_FWPM_NET_EVENT_HEADER3_ {
              FILETIME timeStamp; UINT32 flags; FWP_IP_VERSION ipVersion; UINT8 ipProtocol;
              union { UINT32 localAddrV4; FWP_BYTE_ARRAY16 localAddrV6; };
              union { UINT32 remoteAddrV4; FWP_BYTE_ARRAY16 remoteAddrV6; };
              UINT16 localPort; UINT16 remotePort; UINT32 scopeId; FWP_BYTE_BLOB appId; SID *userId;
              FWP_AF addressFamily; SID *packageSid; wchar_t *enterpriseId; UINT64 policyFlags;
              FWP_BYTE_BLOB effectiveName;
            } FWPM_NET_EVENT_HEADER3;
            typedef struct SDK_FWPM_NET_EVENT_IKEEXT_MM_FAILURE2_ {
              UINT32 failureErrorCode; IPSEC_FAILURE_POINT failurePoint; UINT32 flags;
              IKEEXT_KEY_MODULE_TYPE keyingModuleType; IKEEXT_MM_SA_STATE mmState; IKEEXT_SA_ROLE saRole;
              IKEEXT_AUTHENTICATION_METHOD_TYPE mmAuthMethod; UINT8 endCertHash[20]; UINT64 mmId; UINT64 mmFilterId;
              wchar_t *localPrincipalNameForAuth; wchar_t *remotePrincipalNameForAuth;
              UINT32 numLocalPrincipalGroupSids; LPWSTR *localPrincipalGroupSids;
              UINT32 numRemotePrincipalGroupSids; LPWSTR *remotePrincipalGroupSids; GUID *providerContextKey;
            } FWPM_NET_EVENT_IKEEXT_MM_FAILURE2;
            typedef struct SDK_FWPM_NET_EVENT_IKEEXT_QM_FAILURE1_ {
              UINT32 failureErrorCode; IPSEC_FAILURE_POINT failurePoint; IKEEXT_KEY_MODULE_TYPE keyingModuleType;
              IKEEXT_QM_SA_STATE qmState; IKEEXT_SA_ROLE saRole; IPSEC_TRAFFIC_TYPE saTrafficType;
              union { FWP_CONDITION_VALUE0 localSubNet; };
              union { FWP_CONDITION_VALUE0 remoteSubNet; };
              UINT64 qmFilterId; UINT64 mmSaLuid; GUID mmProviderContextKey;
            } FWPM_NET_EVENT_IKEEXT_QM_FAILURE1;
            typedef struct SDK_FWPM_NET_EVENT_CLASSIFY_DROP2_ {
              UINT64 filterId; UINT16 layerId; UINT32 reauthReason; UINT32 originalProfile; UINT32 currentProfile;
              UINT32 msFwpDirection; BOOL isLoopback; FWP_BYTE_BLOB vSwitchId; UINT32 vSwitchSourcePort;
              UINT32 vSwitchDestinationPort;
            } FWPM_NET_EVENT_CLASSIFY_DROP2;
            typedef struct SDK_FWPM_NET_EVENT_CLASSIFY_DROP_MAC0_ {
              FWP_BYTE_ARRAY6 localMacAddr; FWP_BYTE_ARRAY6 remoteMacAddr; UINT32 mediaType; UINT32 ifType;
              UINT16 etherType; UINT32 ndisPortNumber; UINT32 reserved; UINT16 vlanTag; UINT64 ifLuid;
              UINT64 filterId; UINT16 layerId; UINT32 reauthReason; UINT32 originalProfile; UINT32 currentProfile;
              UINT32 msFwpDirection; BOOL isLoopback; FWP_BYTE_BLOB vSwitchId; UINT32 vSwitchSourcePort;
              UINT32 vSwitchDestinationPort;
            } FWPM_NET_EVENT_CLASSIFY_DROP_MAC0;
            typedef struct SDK_FWPM_NET_EVENT_CLASSIFY_ALLOW0_ {
              UINT64 filterId; UINT16 layerId; UINT32 reauthReason; UINT32 originalProfile; UINT32 currentProfile;
              UINT32 msFwpDirection; BOOL isLoopback;
            } FWPM_NET_EVENT_CLASSIFY_ALLOW0;
            typedef struct SDK_FWPM_NET_EVENT_CAPABILITY_DROP0_ {
              FWPM_APPC_NETWORK_CAPABILITY_TYPE networkCapabilityId; UINT64 filterId; BOOL isLoopback;
            } FWPM_NET_EVENT_CAPABILITY_DROP0;
            typedef struct SDK_FWPM_NET_EVENT_CAPABILITY_ALLOW0_ {
              FWPM_APPC_NETWORK_CAPABILITY_TYPE networkCapabilityId; UINT64 filterId; BOOL isLoopback;
            } FWPM_NET_EVENT_CAPABILITY_ALLOW0;
            typedef struct SDK_FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0_ { IPSEC_SA_SPI spi; } FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0;
            typedef struct SDK_FWPM_NET_EVENT2_ {
              FWPM_NET_EVENT_HEADER2 header; FWPM_NET_EVENT_TYPE type;
              union { FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 *ikeMmFailure; FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 *ikeQmFailure;
                FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *ikeEmFailure; FWPM_NET_EVENT_CLASSIFY_DROP2 *classifyDrop;
                FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *ipsecDrop; FWPM_NET_EVENT_IPSEC_DOSP_DROP0 *idpDrop;
                FWPM_NET_EVENT_CLASSIFY_ALLOW0 *classifyAllow; FWPM_NET_EVENT_CAPABILITY_DROP0 *capabilityDrop;
                FWPM_NET_EVENT_CAPABILITY_ALLOW0 *capabilityAllow; FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 *classifyDropMac; };
            } FWPM_NET_EVENT2;
            typedef struct SDK_FWPM_NET_EVENT3_ {
              FWPM_NET_EVENT_HEADER3 header; FWPM_NET_EVENT_TYPE type;
              union { FWPM_NET_EVENT_IKEEXT_MM_FAILURE1 *ikeMmFailure; FWPM_NET_EVENT_IKEEXT_QM_FAILURE0 *ikeQmFailure;
                FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *ikeEmFailure; FWPM_NET_EVENT_CLASSIFY_DROP2 *classifyDrop;
                FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *ipsecDrop; FWPM_NET_EVENT_IPSEC_DOSP_DROP0 *idpDrop;
                FWPM_NET_EVENT_CLASSIFY_ALLOW0 *classifyAllow; FWPM_NET_EVENT_CAPABILITY_DROP0 *capabilityDrop;
                FWPM_NET_EVENT_CAPABILITY_ALLOW0 *capabilityAllow; FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 *classifyDropMac; };
            } FWPM_NET_EVENT3;
            typedef struct SDK_FWPM_NET_EVENT4_ {
              FWPM_NET_EVENT_HEADER3 header; FWPM_NET_EVENT_TYPE type;
              union { FWPM_NET_EVENT_IKEEXT_MM_FAILURE2 *ikeMmFailure; FWPM_NET_EVENT_IKEEXT_QM_FAILURE1 *ikeQmFailure;
                FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *ikeEmFailure; FWPM_NET_EVENT_CLASSIFY_DROP2 *classifyDrop;
                FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *ipsecDrop; FWPM_NET_EVENT_IPSEC_DOSP_DROP0 *idpDrop;
                FWPM_NET_EVENT_CLASSIFY_ALLOW0 *classifyAllow; FWPM_NET_EVENT_CAPABILITY_DROP0 *capabilityDrop;
                FWPM_NET_EVENT_CAPABILITY_ALLOW0 *capabilityAllow; FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 *classifyDropMac; };
            } FWPM_NET_EVENT4;
            typedef struct SDK_FWPM_NET_EVENT5_ {
              FWPM_NET_EVENT_HEADER3 header; FWPM_NET_EVENT_TYPE type;
              union { FWPM_NET_EVENT_IKEEXT_MM_FAILURE2 *ikeMmFailure; FWPM_NET_EVENT_IKEEXT_QM_FAILURE1 *ikeQmFailure;
                FWPM_NET_EVENT_IKEEXT_EM_FAILURE1 *ikeEmFailure; FWPM_NET_EVENT_CLASSIFY_DROP2 *classifyDrop;
                FWPM_NET_EVENT_IPSEC_KERNEL_DROP0 *ipsecDrop; FWPM_NET_EVENT_IPSEC_DOSP_DROP0 *idpDrop;
                FWPM_NET_EVENT_CLASSIFY_ALLOW0 *classifyAllow; FWPM_NET_EVENT_CAPABILITY_DROP0 *capabilityDrop;
                FWPM_NET_EVENT_CAPABILITY_ALLOW0 *capabilityAllow; FWPM_NET_EVENT_CLASSIFY_DROP_MAC0 *classifyDropMac;
                FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0 *lpmPacketArrival; };
            } FWPM_NET_EVENT5;
            """;

    /** JNA field path to C designator for the SDK's anonymous unions and the FWP_VALUE0 value union. */
    static Map<String, String> cNames(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    static final String[] HEADER_ADDR = {"localAddr", "", "localAddr.v4", "localAddrV4", "localAddr.v6", "localAddrV6",
            "remoteAddr", "", "remoteAddr.v4", "remoteAddrV4", "remoteAddr.v6", "remoteAddrV6"};
    static final String[] EVENT_UNION = concat(new String[] {"union", "classifyDrop"}, prefixed("header.", HEADER_ADDR));

    private static String[] prefixed(String prefix, String[] pairs) {
        String[] out = pairs.clone();
        for (int i = 0; i < out.length; i += 2) out[i] = prefix + out[i];
        for (int i = 1; i < out.length; i += 2) if (!out[i].isEmpty()) out[i] = prefix + out[i];
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void againstSdkTable() {
        WinLayout.assertMatchesTable(new FWP_BYTE_BLOB(), "FWP_BYTE_BLOB");
        WinLayout.assertMatchesTable(WinLayout.table(), new FWP_VALUE0(), "FWP_VALUE0", Map.of("value_union", "value"));
        WinLayout.assertMatchesTable(new FWPM_DISPLAY_DATA0(), "FWPM_DISPLAY_DATA0");
        WinLayout.assertMatchesTable(new FWPM_SESSION0(), "FWPM_SESSION0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_HEADER0(), "FWPM_NET_EVENT_HEADER0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_HEADER1(), "FWPM_NET_EVENT_HEADER1");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_HEADER2(), "FWPM_NET_EVENT_HEADER2");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_HEADER3(), "FWPM_NET_EVENT_HEADER3");
        Structure[] events = {new FWPM_NET_EVENT0(), new FWPM_NET_EVENT1(), new FWPM_NET_EVENT2(), new FWPM_NET_EVENT3(),
                new FWPM_NET_EVENT4(), new FWPM_NET_EVENT5()};
        for (int i = 0; i < events.length; i++) {
            // "type" and "union" are also leaf names inside the header; address the top-level ones explicitly
            WinLayout.assertMatchesTable(WinLayout.table(), events[i], "FWPM_NET_EVENT" + i,
                    Map.of("type", "type", "union", "union"));
        }
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CLASSIFY_DROP0(), "FWPM_NET_EVENT_CLASSIFY_DROP0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CLASSIFY_DROP1(), "FWPM_NET_EVENT_CLASSIFY_DROP1");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CLASSIFY_DROP2(), "FWPM_NET_EVENT_CLASSIFY_DROP2");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CLASSIFY_ALLOW0(), "FWPM_NET_EVENT_CLASSIFY_ALLOW0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CLASSIFY_DROP_MAC0(), "FWPM_NET_EVENT_CLASSIFY_DROP_MAC0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_CAPABILITY_DROP0(), "FWPM_NET_EVENT_CAPABILITY_DROP0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_SUBSCRIPTION0(), "FWPM_NET_EVENT_SUBSCRIPTION0");
        WinLayout.assertMatchesTable(new FWPM_NET_EVENT_ENUM_TEMPLATE0(), "FWPM_NET_EVENT_ENUM_TEMPLATE0");
    }

    @Test
    void everyFieldAgainstMingwAndSdkDeclarations() {
        assumeTrue(MingwProbe.compiler().isPresent(), MingwProbe.missingMessage());
        MingwProbe.create().include("fwpmu.h").declarations(SDK_DECLARATIONS)
                .expect(new FWP_BYTE_BLOB(), "FWP_BYTE_BLOB")
                .expect(new FWP_VALUE0(), "FWP_VALUE0", cNames("value", "uint64"))
                .expect(new FWPM_DISPLAY_DATA0(), "FWPM_DISPLAY_DATA0")
                .expect(new FWPM_SESSION0(), "FWPM_SESSION0")
                .expect(new FWPM_ACTION0(), "FWPM_ACTION0")
                .expect(new FWPM_FILTER0(), "FWPM_FILTER0", cNames("weight.value", "weight.uint64",
                        "effectiveWeight.value", "effectiveWeight.uint64", "context", "",
                        "context.rawContext", "rawContext", "context.providerContextKey", "providerContextKey"))
                .expect(new FWPM_LAYER0(), "FWPM_LAYER0")
                .expect(new FWPM_PROVIDER0(), "FWPM_PROVIDER0")
                .expect(new FWPM_SUBLAYER0(), "FWPM_SUBLAYER0")
                .expect(new FWPM_NET_EVENT_ENUM_TEMPLATE0(), "FWPM_NET_EVENT_ENUM_TEMPLATE0")
                .expect(new FWPM_NET_EVENT_SUBSCRIPTION0(), "FWPM_NET_EVENT_SUBSCRIPTION0")
                .expect(new FWPM_NET_EVENT_HEADER0(), "FWPM_NET_EVENT_HEADER0", cNames(HEADER_ADDR))
                .expect(new FWPM_NET_EVENT_HEADER1(), "FWPM_NET_EVENT_HEADER1", cNames(concat(HEADER_ADDR, new String[] {
                        // mingw-w64 names the SDK's reserved1..reserved10 after what they hold (Ethernet header)
                        "reserved1", "addressFamily", "reserved", "", "reserved.reserved2", "dstAddrEth",
                        "reserved.reserved3", "srcAddrEth", "reserved.reserved4", "addrType",
                        "reserved.reserved5", "encapMethod", "reserved.reserved6", "etherType",
                        "reserved.reserved7", "snapControl", "reserved.reserved8", "snapOui",
                        "reserved.reserved9", "vlanTag", "reserved.reserved10", "ifLuid"})))
                .expect(new FWPM_NET_EVENT_HEADER2(), "FWPM_NET_EVENT_HEADER2", cNames(HEADER_ADDR))
                .expect(new FWPM_NET_EVENT_HEADER3(), "FWPM_NET_EVENT_HEADER3", cNames(HEADER_ADDR))
                .expect(new FWPM_NET_EVENT0(), "FWPM_NET_EVENT0", cNames(EVENT_UNION))
                .expect(new FWPM_NET_EVENT1(), "FWPM_NET_EVENT1", cNames(concat(EVENT_UNION, new String[] {
                        "header.reserved1", "header.addressFamily", "header.reserved", "",
                        "header.reserved.reserved2", "header.dstAddrEth", "header.reserved.reserved3", "header.srcAddrEth",
                        "header.reserved.reserved4", "header.addrType", "header.reserved.reserved5", "header.encapMethod",
                        "header.reserved.reserved6", "header.etherType", "header.reserved.reserved7", "header.snapControl",
                        "header.reserved.reserved8", "header.snapOui", "header.reserved.reserved9", "header.vlanTag",
                        "header.reserved.reserved10", "header.ifLuid"})))
                .expect(new FWPM_NET_EVENT2(), "FWPM_NET_EVENT2", cNames(EVENT_UNION))
                .expect(new FWPM_NET_EVENT3(), "FWPM_NET_EVENT3", cNames(EVENT_UNION))
                .expect(new FWPM_NET_EVENT4(), "FWPM_NET_EVENT4", cNames(EVENT_UNION))
                .expect(new FWPM_NET_EVENT5(), "FWPM_NET_EVENT5", cNames(EVENT_UNION))
                .expect(new FWPM_NET_EVENT_CLASSIFY_DROP0(), "FWPM_NET_EVENT_CLASSIFY_DROP0")
                .expect(new FWPM_NET_EVENT_CLASSIFY_DROP1(), "FWPM_NET_EVENT_CLASSIFY_DROP1")
                .expect(new FWPM_NET_EVENT_CLASSIFY_DROP2(), "FWPM_NET_EVENT_CLASSIFY_DROP2")
                .expect(new FWPM_NET_EVENT_CLASSIFY_ALLOW0(), "FWPM_NET_EVENT_CLASSIFY_ALLOW0")
                .expect(new FWPM_NET_EVENT_CLASSIFY_DROP_MAC0(), "FWPM_NET_EVENT_CLASSIFY_DROP_MAC0")
                .expect(new FWPM_NET_EVENT_CAPABILITY_DROP0(), "FWPM_NET_EVENT_CAPABILITY_DROP0")
                .expect(new FWPM_NET_EVENT_CAPABILITY_ALLOW0(), "FWPM_NET_EVENT_CAPABILITY_ALLOW0")
                .expect(new FWPM_NET_EVENT_IPSEC_KERNEL_DROP0(), "FWPM_NET_EVENT_IPSEC_KERNEL_DROP0")
                .expect(new FWPM_NET_EVENT_IPSEC_DOSP_DROP0(), "FWPM_NET_EVENT_IPSEC_DOSP_DROP0", cNames(
                        "publicHostAddr", "", "publicHostAddr.v4", "publicHostV4Addr", "publicHostAddr.v6", "publicHostV6Addr",
                        "internalHostAddr", "", "internalHostAddr.v4", "internalHostV4Addr",
                        "internalHostAddr.v6", "internalHostV6Addr"))
                .expect(new FWPM_NET_EVENT_IKEEXT_MM_FAILURE0(), "FWPM_NET_EVENT_IKEEXT_MM_FAILURE0")
                .expect(new FWPM_NET_EVENT_IKEEXT_MM_FAILURE1(), "FWPM_NET_EVENT_IKEEXT_MM_FAILURE1")
                .expect(new FWPM_NET_EVENT_IKEEXT_MM_FAILURE2(), "FWPM_NET_EVENT_IKEEXT_MM_FAILURE2")
                .expect(new FWPM_NET_EVENT_IKEEXT_QM_FAILURE0(), "FWPM_NET_EVENT_IKEEXT_QM_FAILURE0",
                        cNames("localSubNet.value", "localSubNet.uint64", "remoteSubNet.value", "remoteSubNet.uint64"))
                .expect(new FWPM_NET_EVENT_IKEEXT_QM_FAILURE1(), "FWPM_NET_EVENT_IKEEXT_QM_FAILURE1",
                        cNames("localSubNet.value", "localSubNet.uint64", "remoteSubNet.value", "remoteSubNet.uint64"))
                .expect(new FWPM_NET_EVENT_IKEEXT_EM_FAILURE0(), "FWPM_NET_EVENT_IKEEXT_EM_FAILURE0")
                .expect(new FWPM_NET_EVENT_IKEEXT_EM_FAILURE1(), "FWPM_NET_EVENT_IKEEXT_EM_FAILURE1")
                .expect(new FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0(), "FWPM_NET_EVENT_LPM_PACKET_ARRIVAL0")
                .assertPasses();
    }

    private static int offset(Structure s, String field) {
        return wstool.winlayout.JnaLayouts.actual(s).field(field).orElseThrow().offset();
    }

    /** Spot checks written out from the SDK so a wrong probe setup cannot hide a wrong structure. */
    @Test
    void knownSizes() {
        assertEquals(200, new FWPM_FILTER0().size());
        assertEquals(72, new FWPM_LAYER0().size());
        // FWPM_PROVIDER0: key 16 + displayData 16 + flags 4 (+4 pad) + FWP_BYTE_BLOB 16 + serviceName 8
        assertEquals(64, new FWPM_PROVIDER0().size());
        assertEquals(56, offset(new FWPM_PROVIDER0(), "serviceName"));
        // FWPM_SUBLAYER0: flags is UINT16 @32, GUID* providerKey @40, providerData @48, UINT16 weight @64 (+6 pad)
        assertEquals(72, new FWPM_SUBLAYER0().size());
        assertEquals(40, offset(new FWPM_SUBLAYER0(), "providerKey"));
        assertEquals(64, offset(new FWPM_SUBLAYER0(), "weight"));
        assertEquals(40, offset(new FWPM_FILTER0(), "providerKey"));
        assertEquals(80, offset(new FWPM_FILTER0(), "subLayerKey"));
        assertEquals(128, offset(new FWPM_FILTER0(), "action"));
        assertEquals(44, new FWPM_NET_EVENT_IPSEC_DOSP_DROP0().size());
        assertEquals(32, new FWPM_NET_EVENT_IPSEC_KERNEL_DROP0().size());
        assertEquals(64, new FWPM_NET_EVENT_IKEEXT_MM_FAILURE0().size());
        assertEquals(120, new FWPM_NET_EVENT_IKEEXT_MM_FAILURE2().size());
        assertEquals(88, new FWPM_NET_EVENT_IKEEXT_QM_FAILURE1().size());
        assertEquals(120, new FWPM_NET_EVENT_IKEEXT_EM_FAILURE1().size());
    }
}
