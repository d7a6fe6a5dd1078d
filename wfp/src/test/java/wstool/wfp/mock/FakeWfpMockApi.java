package wstool.wfp.mock;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wstool.wfp.fwpu.FwpTypes.FWPM_FILTER0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SESSION0;
import wstool.wfp.fwpu.FwpTypes.FWP_BYTE_BLOB;
import wstool.wfp.mock.WfpMockTypes.FWPM_FILTER_CONDITION0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SUBLAYER0;

/**
 * fwpuclnt.dll's session, transaction, sublayer and filter calls as Java: records each call (with what BFE would read
 * from the structures, decoded from native memory at the SDK offsets), returns a Win32 / FWP_E_* code on demand, and
 * hands out the app id blob in native memory as FwpmGetAppIdFromFileName0 does. Public (wfp's test-jar) for cli's mock
 * wiring test.
 */
public final class FakeWfpMockApi implements WfpMockApi {
    public final List<String> calls = new ArrayList<>();
    /** The decoded filters: layer and conditions, one line each. */
    public final List<String> filters = new ArrayList<>();
    /** Function name (FwpmFilterAdd0#2 for the second call) to the code it returns. */
    public final Map<String, Integer> failures = new HashMap<>();
    final Pointer engine = new Memory(8);
    final Memory appId = new Memory(64);
    int sessionFlags = -1;
    int subLayerWeight;
    private final Map<String, Integer> counts = new HashMap<>();

    private int rc(String function) {
        int n = counts.merge(function, 1, Integer::sum);
        calls.add(function);
        Integer r = failures.get(function + "#" + n);
        return r != null ? r : failures.getOrDefault(function, 0);
    }

    @Override
    public int FwpmEngineOpen0(Pointer serverName, int authnService, Pointer authIdentity, FWPM_SESSION0 session,
                               PointerByReference engineHandle) {
        sessionFlags = session.flags;
        int r = rc("FwpmEngineOpen0");
        if (r == 0) engineHandle.setValue(engine);
        return r;
    }

    @Override public int FwpmEngineClose0(Pointer h) { check(h); return rc("FwpmEngineClose0"); }

    @Override public int FwpmTransactionBegin0(Pointer h, int flags) { check(h); return rc("FwpmTransactionBegin0"); }

    @Override public int FwpmTransactionCommit0(Pointer h) { check(h); return rc("FwpmTransactionCommit0"); }

    @Override public int FwpmTransactionAbort0(Pointer h) { check(h); return rc("FwpmTransactionAbort0"); }

    @Override
    public int FwpmSubLayerAdd0(Pointer h, FWPM_SUBLAYER0 subLayer, Pointer sd) {
        check(h);
        subLayerWeight = subLayer.weight & 0xffff;
        return rc("FwpmSubLayerAdd0");
    }

    @Override
    public int FwpmFilterAdd0(Pointer h, FWPM_FILTER0 filter, Pointer sd, LongByReference id) {
        check(h);
        filter.write(); // JNA writes a Structure argument to native memory before a native call
        // what BFE reads: the structure as written to native memory, the conditions through its pointer
        FWPM_FILTER0 f = new FWPM_FILTER0(filter.getPointer());
        StringBuilder sb = new StringBuilder(name(f.layerKey)).append(" action=0x").append(Integer.toHexString(f.action.type));
        for (int i = 0; i < f.numFilterConditions; i++) {
            FWPM_FILTER_CONDITION0 c = new FWPM_FILTER_CONDITION0(f.filterCondition.share((long) i * 40));
            sb.append(' ').append(name(c.fieldKey)).append('=').append(value(c));
        }
        filters.add(sb.toString());
        int r = rc("FwpmFilterAdd0");
        if (r == 0) id.setValue(1000 + filters.size());
        return r;
    }

    /** The file names FwpmGetAppIdFromFileName0 was asked for. */
    public final List<String> appIdFiles = new ArrayList<>();

    @Override
    public int FwpmGetAppIdFromFileName0(WString fileName, PointerByReference appIdOut) {
        appIdFiles.add(fileName.toString());
        int r = rc("FwpmGetAppIdFromFileName0");
        if (r != 0) return r;
        FWP_BYTE_BLOB blob = new FWP_BYTE_BLOB();
        blob.size = 2;
        blob.data = appId.share(16);
        blob.write();
        appId.write(0, blob.getPointer().getByteArray(0, 16), 0, 16);
        appIdOut.setValue(appId);
        return 0;
    }

    @Override
    public void FwpmFreeMemory0(PointerByReference p) {
        calls.add("FwpmFreeMemory0" + (p.getValue() != null && p.getValue().equals(appId) ? "(appId)" : "(?)"));
        p.setValue(null);
    }

    private void check(Pointer h) {
        if (!engine.equals(h)) throw new AssertionError("not the engine handle FwpmEngineOpen0 returned");
    }

    private String value(FWPM_FILTER_CONDITION0 c) {
        long v = c.conditionValue.value;
        return switch (c.conditionValue.type) {
            case WfpMockSession.FWP_UINT8 -> "u8:" + v;
            case WfpMockSession.FWP_UINT16 -> "u16:" + v;
            case WfpMockSession.FWP_UINT32 -> String.format("u32:0x%08x", v);
            case WfpMockSession.FWP_BYTE_BLOB_TYPE -> v == Pointer.nativeValue(appId) ? "appId" : "blob?";
            case WfpMockSession.FWP_V4_ADDR_MASK -> {
                WfpMockTypes.FWP_V4_ADDR_AND_MASK m = new WfpMockTypes.FWP_V4_ADDR_AND_MASK(new Pointer(v));
                yield String.format("v4mask:0x%08x/0x%08x", m.addr, m.mask);
            }
            case WfpMockSession.FWP_V6_ADDR_MASK -> {
                WfpMockTypes.FWP_V6_ADDR_AND_MASK m = new WfpMockTypes.FWP_V6_ADDR_AND_MASK(new Pointer(v));
                yield "v6mask:" + hex(m.addr) + "/" + m.prefixLength;
            }
            case WfpMockSession.FWP_BYTE_ARRAY16_TYPE -> "v6:" + hex(new Pointer(v).getByteArray(0, 16));
            default -> "type" + c.conditionValue.type;
        };
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    private static String name(GUID g) {
        if (g.equals(WfpMockSession.LAYER_ALE_AUTH_CONNECT_V4)) return "CONNECT_V4";
        if (g.equals(WfpMockSession.LAYER_ALE_AUTH_CONNECT_V6)) return "CONNECT_V6";
        if (g.equals(WfpMockSession.LAYER_ALE_AUTH_RECV_ACCEPT_V4)) return "RECV_ACCEPT_V4";
        if (g.equals(WfpMockSession.LAYER_ALE_AUTH_RECV_ACCEPT_V6)) return "RECV_ACCEPT_V6";
        if (g.equals(WfpMockSession.CONDITION_ALE_APP_ID)) return "APP_ID";
        if (g.equals(WfpMockSession.CONDITION_IP_REMOTE_ADDRESS)) return "REMOTE_ADDRESS";
        if (g.equals(WfpMockSession.CONDITION_IP_REMOTE_PORT)) return "REMOTE_PORT";
        if (g.equals(WfpMockSession.CONDITION_IP_PROTOCOL)) return "PROTOCOL";
        return g.toGuidString();
    }
}
