package wstool.wfp.mock;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import wstool.win32.Win32Errors;
import wstool.win32.WindowsApiException;
import wstool.wfp.fwpu.FwpTypes.FWPM_FILTER0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SESSION0;
import wstool.wfp.mock.WfpMockTypes.FWPM_FILTER_CONDITION0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SUBLAYER0;
import wstool.wfp.mock.WfpMockTypes.FWP_V4_ADDR_AND_MASK;
import wstool.wfp.mock.WfpMockTypes.FWP_V6_ADDR_AND_MASK;

/**
 * {@code ws_tool mock} on Windows: a dynamic WFP session ({@code FWPM_SESSION_FLAG_DYNAMIC}: BFE deletes every object
 * the session added when it closes, also when ws_tool dies, so nothing can stay installed) with one sublayer and
 * block filters at ALE_AUTH_CONNECT_V4/V6 and ALE_AUTH_RECV_ACCEPT_V4/V6, each conditioned on the program's app id
 * ({@code FwpmGetAppIdFromFileName0}) and the rule's remote address, port and protocol. All objects are added in one
 * transaction: they appear together or not at all; on any failure the transaction is aborted and the engine closed.
 *
 * <p>What the program sees: an ALE connect block fails {@code connect()} at once with WSAEACCES (10013, "An attempt
 * was made to access a socket in a way forbidden by its access permissions"), as programs report under an outbound
 * Windows Firewall block (e.g. github.com/nicocha30/ligolo-ng/issues/11, github.com/microsoft/WSL/issues/722), not
 * WSAECONNREFUSED or WSAEHOSTUNREACH: user-mode WFP cannot forge a TCP reset or an ICMP error, so --refuse and
 * --unreachable both map to this block. A blocked inbound connection (RECV_ACCEPT) never reaches the program's
 * listening socket and the peer gets no answer. Not possible without a callout driver: a blackhole that lets
 * connect time out (packet-layer drops have no app-id condition), reset-after, delay, loss, rate, first=N and p=P%.
 */
public final class WfpMockSession implements AutoCloseable {
    public static final int FWPM_SESSION_FLAG_DYNAMIC = 0x00000001;
    public static final int RPC_C_AUTHN_WINNT = 10;
    /** fwptypes.h: FWP_ACTION_BLOCK = 0x1 | FWP_ACTION_FLAG_TERMINATING (0x1000). */
    public static final int FWP_ACTION_BLOCK = 0x1001;
    static final int FWP_EMPTY = 0, FWP_UINT8 = 1, FWP_UINT16 = 2, FWP_UINT32 = 3, FWP_BYTE_ARRAY16_TYPE = 11,
            FWP_BYTE_BLOB_TYPE = 12, FWP_V4_ADDR_MASK = 0x100, FWP_V6_ADDR_MASK = 0x101;
    static final int FWP_MATCH_EQUAL = 0;
    /** FwpmGetAppIdFromFileName0's results for a program path that does not exist. */
    static final int ERROR_FILE_NOT_FOUND = 2, ERROR_PATH_NOT_FOUND = 3;

    // fwpmu.h layer and condition keys (values as in the Windows SDK; also windows-sys's WindowsFilteringPlatform)
    public static final GUID LAYER_ALE_AUTH_CONNECT_V4 = new GUID("{c38d57d1-05a7-4c33-904f-7fbceee60e82}");
    public static final GUID LAYER_ALE_AUTH_CONNECT_V6 = new GUID("{4a72393b-319f-44bc-84c3-ba54dcb3b6b4}");
    public static final GUID LAYER_ALE_AUTH_RECV_ACCEPT_V4 = new GUID("{e1cd9fe7-f4b5-4273-96c0-592e487b8650}");
    public static final GUID LAYER_ALE_AUTH_RECV_ACCEPT_V6 = new GUID("{a3b42c97-9f04-4672-b87e-cee9c483257f}");
    public static final GUID CONDITION_ALE_APP_ID = new GUID("{d78e1e87-8644-4ea5-9437-d809ecefc971}");
    public static final GUID CONDITION_IP_REMOTE_ADDRESS = new GUID("{b235ae9a-1d64-49b8-a44c-5ff3d9095045}");
    public static final GUID CONDITION_IP_REMOTE_PORT = new GUID("{c35a604d-d22b-4e1a-91b4-68f674ee674b}");
    public static final GUID CONDITION_IP_PROTOCOL = new GUID("{3971ef2b-623e-4f9a-8cb1-6e79b806b9a7}");

    private final WfpMockApi api;
    private final List<Long> filterIds = new ArrayList<>();
    /** Native memory the structures point into, kept until the calls have returned. */
    private final List<Object> keep = new ArrayList<>();
    private Pointer engine;

    private WfpMockSession(WfpMockApi api) { this.api = api; }

    /**
     * Opens the dynamic session and adds the sublayer and the filters for the program in one transaction.
     *
     * @param program the program's file path (as FwpmGetAppIdFromFileName0 takes it)
     * @param subLayerKey a fresh key for this run's sublayer
     * @throws WindowsApiException naming the failed function (a PrivilegeException when not Administrator)
     */
    public static WfpMockSession open(WfpMockApi api, String program, GUID subLayerKey, List<WfpBlockRule> rules)
            {
        if (rules.isEmpty()) throw new IllegalArgumentException("no rule to install");
        WfpMockSession s = new WfpMockSession(api);
        s.install(program, subLayerKey, rules);
        return s;
    }

    private void install(String program, GUID subLayerKey, List<WfpBlockRule> rules) {
        FWPM_SESSION0 session = new FWPM_SESSION0();
        session.flags = FWPM_SESSION_FLAG_DYNAMIC;
        session.displayData.name = wide("ws_tool mock");
        PointerByReference handle = new PointerByReference();
        check(api.FwpmEngineOpen0(null, RPC_C_AUTHN_WINNT, null, session, handle), "FwpmEngineOpen0", program);
        engine = handle.getValue();
        PointerByReference appId = new PointerByReference();
        boolean inTransaction = false;
        try {
            check(api.FwpmGetAppIdFromFileName0(new WString(program), appId), "FwpmGetAppIdFromFileName0", program);
            check(api.FwpmTransactionBegin0(engine, 0), "FwpmTransactionBegin0", program);
            inTransaction = true;
            FWPM_SUBLAYER0 sub = new FWPM_SUBLAYER0();
            sub.subLayerKey = subLayerKey;
            sub.displayData.name = wide("ws_tool mock faults");
            sub.weight = (short) 0xffff; // evaluated with the highest sublayer weight: a block here always applies
            check(api.FwpmSubLayerAdd0(engine, sub, null), "FwpmSubLayerAdd0", program);
            for (FWPM_FILTER0 f : filters(appId.getValue(), subLayerKey, rules)) {
                LongByReference id = new LongByReference();
                check(api.FwpmFilterAdd0(engine, f, null, id), "FwpmFilterAdd0", program);
                filterIds.add(id.getValue());
            }
            check(api.FwpmTransactionCommit0(engine), "FwpmTransactionCommit0", program);
            inTransaction = false;
        } catch (RuntimeException e) {
            if (inTransaction) api.FwpmTransactionAbort0(engine);
            close();
            throw e;
        } finally {
            if (appId.getValue() != null) api.FwpmFreeMemory0(appId);
            keep.clear();
        }
    }

    /** The ids BFE gave the filters (for the summary and to match net events' filterId). */
    public List<Long> filterIds() { return List.copyOf(filterIds); }

    /** Closes the engine handle: BFE then deletes the session's sublayer and filters (dynamic session). Idempotent. */
    @Override
    public void close() {
        if (engine == null) return;
        api.FwpmEngineClose0(engine);
        engine = null;
    }

    /** The filters of all rules: per address family (both when a rule names no remote), a connect and an accept block. */
    List<FWPM_FILTER0> filters(Pointer appIdBlob, GUID subLayerKey, List<WfpBlockRule> rules) {
        List<FWPM_FILTER0> out = new ArrayList<>();
        for (WfpBlockRule r : rules) {
            List<Boolean> families = r.address() == null ? List.of(false, true) : List.of(r.address().length == 16);
            for (boolean v6 : families) {
                for (GUID layer : v6 ? List.of(LAYER_ALE_AUTH_CONNECT_V6, LAYER_ALE_AUTH_RECV_ACCEPT_V6)
                        : List.of(LAYER_ALE_AUTH_CONNECT_V4, LAYER_ALE_AUTH_RECV_ACCEPT_V4)) {
                    out.add(filter(layer, subLayerKey, conditions(appIdBlob, r)));
                }
            }
        }
        return out;
    }

    private FWPM_FILTER0 filter(GUID layer, GUID subLayerKey, FWPM_FILTER_CONDITION0[] conditions) {
        FWPM_FILTER0 f = new FWPM_FILTER0();
        f.displayData.name = wide("ws_tool mock block");
        f.layerKey = layer;
        f.subLayerKey = subLayerKey;
        f.weight.type = FWP_EMPTY; // BFE assigns the weight
        f.numFilterConditions = conditions.length;
        f.filterCondition = conditions[0].getPointer();
        f.action.type = FWP_ACTION_BLOCK;
        return f;
    }

    /** App id, then the remote address, port and protocol the rule names; one contiguous array as FWPM_FILTER0 wants. */
    private FWPM_FILTER_CONDITION0[] conditions(Pointer appIdBlob, WfpBlockRule r) {
        int n = 1 + (r.address() != null ? 1 : 0) + (r.port() > 0 ? 1 : 0) + (r.protocol() > 0 ? 1 : 0);
        FWPM_FILTER_CONDITION0[] c = (FWPM_FILTER_CONDITION0[]) new FWPM_FILTER_CONDITION0().toArray(n);
        int i = 0;
        set(c[i++], CONDITION_ALE_APP_ID, FWP_BYTE_BLOB_TYPE, Pointer.nativeValue(appIdBlob));
        if (r.address() != null) {
            byte[] a = r.address();
            if (a.length == 4 && r.prefix() < 0) {
                set(c[i++], CONDITION_IP_REMOTE_ADDRESS, FWP_UINT32, hostOrder(a) & 0xffffffffL);
            } else if (a.length == 4) {
                FWP_V4_ADDR_AND_MASK m = new FWP_V4_ADDR_AND_MASK();
                m.addr = hostOrder(a);
                m.mask = r.prefix() == 0 ? 0 : -1 << (32 - r.prefix());
                m.write();
                keep.add(m);
                set(c[i++], CONDITION_IP_REMOTE_ADDRESS, FWP_V4_ADDR_MASK, Pointer.nativeValue(m.getPointer()));
            } else if (r.prefix() < 0) {
                Memory bytes = new Memory(16);
                bytes.write(0, a, 0, 16);
                keep.add(bytes);
                set(c[i++], CONDITION_IP_REMOTE_ADDRESS, FWP_BYTE_ARRAY16_TYPE, Pointer.nativeValue(bytes));
            } else {
                FWP_V6_ADDR_AND_MASK m = new FWP_V6_ADDR_AND_MASK();
                m.addr = a.clone();
                m.prefixLength = (byte) r.prefix();
                m.write();
                keep.add(m);
                set(c[i++], CONDITION_IP_REMOTE_ADDRESS, FWP_V6_ADDR_MASK, Pointer.nativeValue(m.getPointer()));
            }
        }
        if (r.port() > 0) set(c[i++], CONDITION_IP_REMOTE_PORT, FWP_UINT16, r.port());
        if (r.protocol() > 0) set(c[i++], CONDITION_IP_PROTOCOL, FWP_UINT8, r.protocol());
        for (Structure s : c) s.write();
        keep.add(c);
        return c;
    }

    private static void set(FWPM_FILTER_CONDITION0 c, GUID field, int type, long value) {
        c.fieldKey = field;
        c.matchType = FWP_MATCH_EQUAL;
        c.conditionValue.type = type;
        c.conditionValue.value = value;
    }

    /** FWP_UINT32 / FWP_V4_ADDR_AND_MASK hold IPv4 addresses in host byte order (the first octet most significant). */
    static int hostOrder(byte[] a) {
        return ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    }

    private Pointer wide(String s) {
        Memory m = new Memory((s.length() + 1) * (long) Native.WCHAR_SIZE);
        m.setWideString(0, s);
        keep.add(m);
        return m;
    }

    /** Through the shared Win32 error helper; a missing program is said as such. */
    private static void check(int rc, String function, String program) {
        if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) {
            throw new WindowsApiException("ws_tool mock: the program " + program + " was not found (" + function
                    + " failed with " + Win32Errors.describe(rc) + ")", function, rc);
        }
        Win32Errors.check(rc, function, "ws_tool mock");
    }
}
